import { createServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

/** Handles an upgrade request addressed to our path. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

// engine.io (socket.io) waits this long before destroying an upgrade nobody
// answered; we do the same on a shared server so that we never destroy an
// upgrade another listener (socket.io) is serving.
const UNHANDLED_UPGRADE_TIMEOUT_MS = 1000;

/** Whether a request URL targets `path` (an optional trailing slash is fine). */
export function isPath(url: string | undefined, path: string): boolean {
  const pathname = new URL(url ?? '/', 'http://localhost').pathname;
  return pathname === path || pathname === `${path}/`;
}

/** Answers an upgrade request with an HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${String(status)} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function destroyIfUnanswered(socket: Duplex): void {
  setTimeout(() => {
    const written = 'bytesWritten' in socket && typeof socket.bytesWritten === 'number' ? socket.bytesWritten : 0;
    if (socket.writable && written <= 0) socket.destroy();
  }, UNHANDLED_UPGRADE_TIMEOUT_MS).unref();
}

/**
 * Listens for upgrades on `server` and hands those for `path` to `handle`.
 * Other paths are left to the server's other listeners (socket.io), or
 * refused at once when the server is our own.
 *
 * @returns the removal of the listener
 */
export function routeUpgrades(server: HttpServer, options: { path: string; own: boolean; handle: UpgradeHandler }): () => void {
  const { path, own, handle } = options;
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (isPath(req.url, path)) handle(req, socket, head);
    else if (own) refuseUpgrade(socket, 404, 'Not Found');
    else destroyIfUnanswered(socket);
  };
  server.on('upgrade', listener);
  return () => {
    server.off('upgrade', listener);
  };
}

/** Creates the transport's own HTTP server: plain HTTP requests get 426 on `path`, 404 elsewhere. */
export function createOwnServer(path: string): HttpServer {
  return createServer((req, res) => {
    const onPath = isPath(req.url, path);
    res.writeHead(onPath ? 426 : 404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(onPath ? 'Upgrade Required: this is a WebSocket endpoint\n' : 'Not Found\n');
  });
}

/** Listens and resolves with the bound port. */
export function listen(server: HttpServer, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    if (host === undefined) server.listen(port, done);
    else server.listen(port, host, done);
  });
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
