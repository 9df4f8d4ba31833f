/**
 * The servers under test, all started on port 0 in the runner's main thread.
 *
 * - ours: `new ChatService(...)` from the BUILT `@chat-service/server`
 *   (packages/server/dist, through the workspace symlink in node_modules).
 * - bare: socket.io 4 and ws servers that do the equivalent work by hand
 *   (authenticate from the query, join on request, broadcast to the room, ack,
 *   answer a history page from an array), and speak the same events
 *   (loginConfirmed, roomJoin, roomMessage, roomHistoryGet) so that one client
 *   implementation drives ours and bare alike.
 *
 * Each runs alone in a server process (lib/server-process.mjs). Every start
 * function resolves with `{ url, close() }`. `fill` maps a room to the number
 * of messages its history holds before the measure.
 */
import { createServer } from 'node:http';
import { URL } from 'node:url';
import { ChatService } from '@chat-service/server';
import { createWsTransport } from '@chat-service/transport-ws';
import { Server as SocketIOServer } from 'socket.io';
import { WebSocketServer } from 'ws';

/** The dev-auth hook: the user name is the `user` query parameter. */
const hooks = { onConnect: (server, id) => server.transport.getHandshakeData(id).query.user };

function listen(http) {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve(http.address().port);
    });
  });
}

/**
 * Our service: `transport` 'socket.io' or 'ws', `state` 'memory' or 'redis', `adapter` as the reference option.
 * `rooms` are created with `addRoom` (owner `admin`, default permissions: anyone may join).
 */
export async function startOurs({ transport, state = 'memory', stateOptions, adapter, rooms = [], fill = {} }) {
  // The closed-loop passes send far more than 100 commands/s per socket: the
  // rate limits are off, as the reference has none (docs/limits.md).
  const limits = { rateLimit: false, userRateLimit: false };
  let service;
  let url;
  if (transport === 'ws') {
    // The ws transport on its own port-0 server (as the behaviour suite does), so its port is known.
    const ws = createWsTransport({ port: 0 });
    service = new ChatService({ port: 0, transport: ws, state, stateOptions, adapter, ...limits }, hooks);
    await service.whenReady();
    url = `ws://127.0.0.1:${ws.port}/chat-service`;
  } else {
    service = new ChatService({ port: 0, transport: 'socket.io', state, stateOptions, adapter, ...limits }, hooks);
    await service.whenReady();
    url = `http://127.0.0.1:${service.transport.getServer().httpServer.address().port}/chat-service`;
  }
  await service.addUser('admin');
  for (const room of new Set([...rooms, ...Object.keys(fill)])) await service.addRoom(room, { owner: 'admin' });
  for (const [room, count] of Object.entries(fill)) await fillHistory(service, room, count);
  return { url, close: () => service.close() };
}

const FILLER = { textMessage: 'history filler, 40 characters long......' };

/** Sends `count` messages to `room` through the server-side API (200 at a time). */
async function fillHistory(service, room, count) {
  const context = { userName: 'admin', bypassPermissions: true };
  for (let left = count; left > 0; left -= 200) {
    await Promise.all(Array.from({ length: Math.min(200, left) }, () => service.execUserCommand(context, 'roomMessage', room, FILLER)));
  }
}

/** The page size cap of a history request (our default `historyMaxGetMessages`). */
const HISTORY_MAX_GET = 100;

/**
 * A bare server's history: rooms whose arrays are pre-filled with `fill[room]`
 * stamped messages (ids 1..n), and the same windowing as `roomHistoryGet`:
 * ids in [id+1, id+len], newest first.
 */
function bareHistory(fill) {
  const rooms = new Map();
  for (const [room, count] of Object.entries(fill)) {
    rooms.set(
      room,
      Array.from({ length: count }, (_, i) => stamp(FILLER, 'admin', i + 1)),
    );
  }
  return (room, id, limit) => {
    const messages = rooms.get(String(room)) ?? [];
    const from = Math.min(Math.max(Number(id) || 0, 0), messages.length);
    const length = Math.min(Math.min(Number(limit) || 0, HISTORY_MAX_GET), messages.length - from);
    return length > 0 ? messages.slice(from, from + length).reverse() : [];
  };
}

/** What a bare server's `roomMessage` handler builds: the fields our service adds (author, timestamp, id). */
function stamp(message, author, id) {
  return { textMessage: message?.textMessage, timestamp: Date.now(), author, id };
}

/**
 * Bare socket.io 4 on namespace `/bench`, default server options (as ours).
 * mode 'room': `roomMessage` acks an id and emits the stamped message to the room
 * (`nsp.to(room).emit`, the sender included when joined), i.e. the wire traffic of ours;
 * mode 'ack': `roomMessage` only acks (the transport's floor).
 */
export async function startBareSocketIO({ mode = 'room', fill = {} } = {}) {
  const history = bareHistory(fill);
  const http = createServer();
  const io = new SocketIOServer(http);
  const nsp = io.of('/bench');
  let ids = 0;
  nsp.on('connection', (socket) => {
    const user = String(socket.handshake.query.user);
    socket.emit('loginConfirmed', user, { id: socket.id });
    socket.on('roomJoin', (room, ack) => {
      socket.join(room);
      ack(null, 1);
    });
    socket.on('roomHistoryGet', (room, id, limit, ack) => ack(null, history(room, id, limit)));
    socket.on(
      'roomMessage',
      mode === 'ack'
        ? (_room, _message, ack) => ack(null, ++ids)
        : (room, message, ack) => {
            const stamped = stamp(message, user, ++ids);
            nsp.to(room).emit('roomMessage', room, stamped);
            ack(null, stamped.id);
          },
    );
  });
  const port = await listen(http);
  return { url: `http://127.0.0.1:${port}/bench`, close: () => new Promise((resolve) => io.close(() => resolve())) };
}

/**
 * Bare `ws` on path `/bench` speaking the same JSON-RPC 2.0 frames as our ws
 * transport. mode 'room': `roomMessage` stringifies one notification and sends
 * it to every member of the room (a plain loop), then the response; mode 'ack':
 * only the response.
 */
export async function startBareWs({ mode = 'room', fill = {} } = {}) {
  const history = bareHistory(fill);
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/bench', perMessageDeflate: false, clientTracking: true });
  const rooms = new Map();
  let ids = 0;
  let sockets = 0;
  const reply = (ws, id, result) => ws.send(JSON.stringify({ jsonrpc: '2.0', id, result }));
  wss.on('connection', (ws, req) => {
    const user = new URL(req.url ?? '/', 'http://localhost').searchParams.get('user');
    const joined = new Set();
    ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'loginConfirmed', params: [user, { id: `s${++sockets}` }] }));
    ws.on('message', (data) => {
      let request;
      try {
        request = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
        return;
      }
      const params = Array.isArray(request.params) ? request.params : [];
      if (request.method === 'roomJoin') {
        const room = String(params[0]);
        let members = rooms.get(room);
        if (!members) rooms.set(room, (members = new Set()));
        members.add(ws);
        joined.add(room);
        reply(ws, request.id, 1);
      } else if (request.method === 'roomMessage') {
        const id = ++ids;
        if (mode !== 'ack') {
          const room = String(params[0]);
          const frame = JSON.stringify({ jsonrpc: '2.0', method: 'roomMessage', params: [room, stamp(params[1], user, id)] });
          for (const member of rooms.get(room) ?? []) member.send(frame);
        }
        reply(ws, request.id, id);
      } else if (request.method === 'roomHistoryGet') {
        reply(ws, request.id, history(params[0], params[1], params[2]));
      } else {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: request.id ?? null, error: { code: -32601, message: 'Method not found' } }));
      }
    });
    ws.on('close', () => {
      for (const room of joined) rooms.get(room)?.delete(ws);
    });
  });
  const port = await listen(http);
  const close = () =>
    new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close(() => http.close(() => resolve()));
    });
  return { url: `ws://127.0.0.1:${port}/bench`, close };
}
