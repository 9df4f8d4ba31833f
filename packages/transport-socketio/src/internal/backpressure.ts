/**
 * Slow consumers: how many bytes wait to be sent to a socket.io client, in
 * engine.io's write buffer and in the WebSocket's send queue.
 *
 * @module
 */
import type { Socket } from 'socket.io';

// engine.io's connection keeps its write buffer and its transport's WebSocket
// in fields its types do not all declare: read them, checking what they hold.
function writeBufferOf(socket: Socket): readonly unknown[] {
  const buffer: unknown = Reflect.get(socket.conn, 'writeBuffer');
  return Array.isArray(buffer) ? buffer : [];
}

/** The `ws` WebSocket of an engine.io transport (its `socket`), if it has one (long-polling has none). */
export function webSocketOfTransport(transport: unknown): object | undefined {
  if (typeof transport !== 'object' || transport === null) return undefined;
  const ws: unknown = Reflect.get(transport, 'socket');
  return typeof ws === 'object' && ws !== null ? ws : undefined;
}

function webSocketOf(socket: Socket): object | undefined {
  return webSocketOfTransport(Reflect.get(socket.conn, 'transport'));
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof Uint8Array) return data.byteLength;
  if (data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

/** The bytes queued for one client and not yet taken by the network. */
export function queuedBytes(socket: Socket): number {
  let total = 0;
  for (const packet of writeBufferOf(socket)) {
    if (typeof packet === 'object' && packet !== null) total += sizeOf(Reflect.get(packet, 'data'));
  }
  const ws = webSocketOf(socket);
  const queued: unknown = ws === undefined ? undefined : Reflect.get(ws, 'bufferedAmount');
  if (typeof queued === 'number') total += queued;
  return total;
}

/**
 * Disconnects a slow consumer and cuts its TCP connection at once: a client
 * that stopped reading would never answer the close handshake, and its queue
 * would stay in memory until the WebSocket close timeout.
 */
export function dropSlowConsumer(socket: Socket): void {
  const ws = webSocketOf(socket);
  socket.disconnect(true);
  const terminate: unknown = ws === undefined ? undefined : Reflect.get(ws, 'terminate');
  if (typeof terminate === 'function') Reflect.apply(terminate, ws, []);
}
