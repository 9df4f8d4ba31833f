/**
 * What a connection's socket hears: the same listener functions on every
 * socket, `this` being the socket (a {@link ConnectionSocket} knows its
 * connection), so that no connection holds closures of its own.
 *
 * @module
 */
import type { WebSocket } from 'ws';
import { ConnectionSocket } from './connection.js';
import type { WsConnection } from './connection.js';
import { handleFrame } from './rpc.js';

/** Listens to a connection's socket: frames, errors and close (pongs: see {@link ConnectionSocket.emit}). */
export function listenTo(connection: WsConnection): void {
  const { ws } = connection;
  ws.on('message', onMessage);
  ws.on('error', onError);
  ws.on('close', onClose);
}

function connectionOf(ws: WebSocket): WsConnection | undefined {
  return ws instanceof ConnectionSocket ? ws.connection : undefined;
}

function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  const connection = connectionOf(this);
  if (!connection || connection.gone) return;
  handleFrame(connection, data, isBinary)?.catch((error: unknown) => {
    connection.hub.logger.warn('[transport-ws] a frame could not be served', { socketId: connection.id, error });
  });
}

function onError(this: WebSocket, error: Error): void {
  const connection = connectionOf(this);
  connection?.hub.logger.warn('[transport-ws] socket error', { socketId: connection.id, error });
}

function onClose(this: WebSocket): void {
  const connection = connectionOf(this);
  if (connection) connection.hub.onClose(connection);
}
