import type { Handshake, TransportHost } from '@chat-service/core';
import type { Socket } from 'socket.io';
import type { Report } from './report.js';
import { guarded } from './report.js';
import { routePacket } from './router.js';
import { WriteHold } from './write-hold.js';

/** Query values as strings: of a repeated key the last value wins (the rule of the ws transport too). */
function lastValues(query: Socket['handshake']['query']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) Object.defineProperty(result, key, { value: last, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function handshakeOf(socket: Socket): Handshake {
  const { query, headers, auth, address } = socket.handshake;
  return { query: lastValues(query), headers: { ...headers }, auth: { ...auth }, address };
}

/** The write holds made for sockets while they connect, taken over by {@link acceptSocket}. */
const connectHolds = new WeakMap<Socket, WriteHold>();

/**
 * Holds what socket.io writes to a connecting socket (its CONNECT answer) for
 * the rest of this turn, so that a login that settles in the same turn sends
 * its `loginConfirmed` in the same write. Runs as the namespace's last middleware.
 */
export function holdConnect(socket: Socket): void {
  const hold = new WriteHold(socket.conn);
  connectHolds.set(socket, hold);
  hold.holdThisTurn();
}

/**
 * Takes a new socket: every event (with its ack) goes through a socket
 * middleware to `host.command`. The middleware never calls `next()`, so
 * socket.io's own listeners never see client events. A disconnect goes to
 * `host.disconnect`. Then `host.connection` is told.
 */
export function acceptSocket(host: TransportHost, socket: Socket, report: Report): void {
  const socketId = socket.id;
  const router = { host, report, socketId, hold: connectHolds.get(socket) ?? new WriteHold(socket.conn) };
  connectHolds.delete(socket);
  socket.use((packet) => {
    routePacket(router, packet)?.catch((error: unknown) => {
      report(error, { socketId }, 'routing failed');
    });
  });
  socket.on('error', (error) => {
    report(error, { socketId }, 'socket error');
  });
  socket.on('disconnect', () => {
    guarded(report, { socketId }, () => host.disconnect(socketId), 'host.disconnect failed');
  });
  guarded(report, { socketId }, () => { host.connection({ id: socketId, handshake: handshakeOf(socket), socket }); }, 'host.connection failed');
}
