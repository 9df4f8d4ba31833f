/**
 * Slow consumers: how many bytes wait to be sent to a socket.io client, in
 * engine.io's write buffer and in the WebSocket's send queue.
 *
 * @module
 */
import type { Socket } from 'socket.io';

interface EnginePacket {
  data?: unknown;
}

interface EngineConnection {
  writeBuffer?: EnginePacket[];
  transport?: { socket?: { bufferedAmount?: unknown; terminate?: unknown } };
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof Uint8Array) return data.byteLength;
  if (data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

/** The bytes queued for one client and not yet taken by the network. */
export function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineConnection;
  let total = 0;
  for (const packet of conn.writeBuffer ?? []) total += sizeOf(packet.data);
  const queued = conn.transport?.socket?.bufferedAmount;
  if (typeof queued === 'number') total += queued;
  return total;
}

/**
 * Disconnects a slow consumer and cuts its TCP connection at once: a client
 * that stopped reading would never answer the close handshake, and its queue
 * would stay in memory until the WebSocket close timeout.
 */
export function dropSlowConsumer(socket: Socket): void {
  const ws = (socket.conn as unknown as EngineConnection).transport?.socket;
  socket.disconnect(true);
  if (ws && typeof ws.terminate === 'function') (ws.terminate as () => void).call(ws);
}
