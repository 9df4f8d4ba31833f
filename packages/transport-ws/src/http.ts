import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { isPath } from './request-target.js';

/** Handles an upgrade request addressed to our path. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

// engine.io (socket.io) waits this long before destroying an upgrade nobody
// answered; we do the same on a shared server so that we never refuse an
// upgrade another listener (socket.io) is serving.
const UNHANDLED_UPGRADE_TIMEOUT_MS = 1000;

/** Bounds on reading a request's headers and whole request, set on every HTTP server we create. */
export const HTTP_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000 } as const;

/** Sets {@link HTTP_TIMEOUTS} on a server (slow-header and slow-body clients are cut). */
export function applyHttpTimeouts(server: HttpServer): HttpServer {
  server.headersTimeout = HTTP_TIMEOUTS.headersTimeout;
  server.requestTimeout = HTTP_TIMEOUTS.requestTimeout;
  return server;
}

/** Whether an upgrade's `Origin` is allowed: no list, no `Origin` header (not a browser), or a listed origin. */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || origin === undefined || allowed.includes(origin);
}

/** Answers an upgrade request with an HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${String(status)} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function refuseIfUnanswered(socket: Duplex): void {
  setTimeout(() => {
    const written = 'bytesWritten' in socket && typeof socket.bytesWritten === 'number' ? socket.bytesWritten : 0;
    if (socket.writable && written <= 0) refuseUpgrade(socket, 404, 'Not Found');
  }, UNHANDLED_UPGRADE_TIMEOUT_MS).unref();
}

/**
 * Listens for upgrades on `server` and hands those for `path` to `handle`.
 * Other paths are refused with 404 at once when the server is our own; on a
 * supplied server they are left to its other listeners (socket.io) and get
 * 404 if none answered within a second.
 *
 * @returns the removal of the listener
 */
export function routeUpgrades(server: HttpServer, options: { path: string; own: boolean; handle: UpgradeHandler }): () => void {
  const { path, own, handle } = options;
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (isPath(req.url, path)) handle(req, socket, head);
    else if (own) refuseUpgrade(socket, 404, 'Not Found');
    else refuseIfUnanswered(socket);
  };
  server.on('upgrade', listener);
  return () => {
    server.off('upgrade', listener);
  };
}

/** The answer to plain HTTP requests: 426 on the WebSocket endpoint `path`, 404 elsewhere. */
export function plainHttpAnswer(path: string): RequestListener {
  return (req, res) => {
    const onPath = isPath(req.url, path);
    res.writeHead(onPath ? 426 : 404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...(onPath ? { upgrade: 'websocket' } : {}) });
    res.end(onPath ? 'Upgrade Required: this is a WebSocket endpoint\n' : 'Not Found\n');
  };
}

/** Creates the transport's own HTTP server: {@link plainHttpAnswer} and {@link HTTP_TIMEOUTS}. */
export function createOwnServer(path: string): HttpServer {
  return applyHttpTimeouts(createServer(plainHttpAnswer(path)));
}

/** Closes a server we created, cutting idle keep-alive connections. */
export function closeServer(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}
