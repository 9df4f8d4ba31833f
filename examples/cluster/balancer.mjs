/**
 * A TCP balancer in a few lines of node:net: each new connection goes to the
 * next target, round robin, and bytes are piped both ways. WebSocket
 * connections (the web page's socket.io uses the websocket transport only,
 * and ws clients) are one TCP connection each, so no stickiness is needed.
 */
import { createConnection, createServer } from 'node:net';

/**
 * Starts the balancer.
 *
 * @param {{ host: string, port: number }[]} targets - the instances
 * @param {number} port - where to listen (0: any free port)
 * @returns {Promise<import('node:net').Server>} the listening server
 */
export function startBalancer(targets, port) {
  let next = 0;
  const server = createServer((client) => {
    const target = targets[next++ % targets.length];
    const upstream = createConnection(target);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
