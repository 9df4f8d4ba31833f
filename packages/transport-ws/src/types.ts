import type { Server as HttpServer } from 'node:http';
import type { Transport } from '@chat-service/core';
import type { WebSocket, WebSocketServer } from 'ws';

/** The ws transport: a {@link Transport} plus what only it has. */
export interface WsTransport extends Transport {
  readonly name: 'ws';
  /** The port the HTTP server listens on (own server, or a supplied listening one); `undefined` before. */
  readonly port: number | undefined;
  /** The HTTP server carrying the endpoint: the supplied one, or the own one after `attach`. */
  readonly httpServer: HttpServer | undefined;
  /** The `ws` server (in `noServer` mode), at your own risk. */
  getServer(): WebSocketServer;
  /** The `ws` socket of a connection, at your own risk. */
  getSocket(socketId: string): WebSocket | undefined;
}
