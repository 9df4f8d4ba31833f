/**
 * A TCP balancer in a few lines of node:net: each new connection goes to the
 * next target, round robin, and bytes are piped both ways. WebSocket
 * connections (the web page's socket.io uses the websocket transport only,
 * and ws clients) are one TCP connection each, so no stickiness is needed.
 *
 * WebSocket upgrades and plain HTTP requests (the page and its files) take
 * turns on separate counters, read from the request head: however many
 * connections a browser opens to load the page, consecutive sockets land on
 * consecutive instances, so two tabs opened one after the other chat across
 * two instances.
 */
import { Buffer } from 'node:buffer';
import { createConnection, createServer } from 'node:net';

/** Larger heads are not HTTP requests of ours; they are passed on as they are. */
const MAX_HEAD = 16 * 1024;

/** Resolves the first bytes of a connection, up to the end of an HTTP request head. */
function readHead(client) {
  return new Promise((resolve) => {
    const chunks = [];
    let length = 0;
    const done = () => {
      client.off('data', onData).off('end', done).off('error', done);
      client.pause();
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > MAX_HEAD || Buffer.concat(chunks).includes('\r\n\r\n')) done();
    };
    client.on('data', onData).once('end', done).once('error', done);
  });
}

/**
 * Starts the balancer.
 *
 * @param {{ host: string, port: number }[]} targets - the instances
 * @param {number} port - where to listen (0: any free port)
 * @returns {Promise<import('node:net').Server>} the listening server
 */
export function startBalancer(targets, port) {
  const turns = { socket: 0, http: 0 };
  const server = createServer(async (client) => {
    let upstream;
    const close = () => {
      client.destroy();
      upstream?.destroy();
    };
    client.on('error', close).on('close', close);
    const head = await readHead(client);
    if (client.destroyed) return;
    const kind = /\r\nupgrade:[ \t]*websocket/i.test(head.toString('latin1')) ? 'socket' : 'http';
    const target = targets[turns[kind]++ % targets.length];
    upstream = createConnection(target);
    upstream.on('error', close).on('close', close);
    upstream.write(head);
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
