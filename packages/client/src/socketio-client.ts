/**
 * The typed client over a socket.io-client 4 `Socket` the caller created.
 *
 * @module
 */
import type { AuthData } from '@chat-service/core/protocol';
import type { Socket } from 'socket.io-client';
import type { ChatClient, ClientLink, ClientOptions, LinkEvents } from './client.js';
import { createChatClient } from './create-client.js';
import { ChatServiceClientError, toClientError } from './errors.js';
import { isRecord } from '@chat-service/core/protocol';

/** A client over socket.io. */
export interface SocketIOChatClient extends ChatClient {
  /** The socket.io socket it uses, as given (use at your own risk: e.g. custom events). */
  readonly socket: Socket;
}

/** Options of {@link createSocketIOClient}. */
export type SocketIOClientOptions = ClientOptions;

/** An ack callback flagged, as socket.io's own `emitWithAck` does, to get a client-side error first. */
interface FlaggedAck {
  (clientError: unknown, ...reply: unknown[]): void;
  withError?: boolean;
}

function createLink(socket: Socket, events: LinkEvents): ClientLink {
  socket.onAny((event: string, ...params: unknown[]) => {
    events.notification(event, params);
  });
  socket.on('connect', () => {
    events.connecting();
  });
  socket.on('loginConfirmed', (userName: unknown, authData: unknown) => {
    events.loggedIn({ userName: String(userName), authData: (isRecord(authData) ? authData : { id: socket.id ?? '' }) as AuthData });
  });
  socket.on('loginRejected', (error: unknown) => {
    events.down(toClientError(error), false);
  });
  socket.on('connect_error', (error: Error) => {
    events.down(new ChatServiceClientError(error.message, { cause: error, raw: error }), socket.active);
  });
  socket.on('disconnect', (reason: Socket.DisconnectReason) => {
    // socket.io reconnects by itself unless the disconnect was deliberate.
    events.down(new ChatServiceClientError(`disconnected (${reason})`), socket.active);
  });
  return {
    request(name, args) {
      return new Promise((resolve, reject) => {
        // socket.io would buffer it and send it after a reconnection: a command is never sent twice, nor late.
        if (!socket.connected) {
          reject(new ChatServiceClientError(`${name}: the connection is not open`));
          return;
        }
        // Flagged, socket.io calls it with a client-side error first (timeout, disconnect) or null.
        const ack: FlaggedAck = (clientError, ...reply) => {
          const [error = null, data = null, ...extras] = reply;
          if (clientError instanceof Error) reject(new ChatServiceClientError(`${name}: ${clientError.message}`, { cause: clientError }));
          else if (error !== null) reject(toClientError(error));
          else resolve([data, ...extras]);
        };
        ack.withError = true;
        socket.emit(name, ...args, ack);
      });
    },
    connect() {
      if (!socket.active) socket.connect();
    },
    close() {
      socket.disconnect();
      return Promise.resolve();
    },
  };
}

/**
 * Wraps a socket.io-client socket connected to a chat-service (namespace
 * `/chat-service`) in the typed client. Create the socket yourself, with the
 * options you need, and wrap it in the same tick, before it connects: the
 * client must see `loginConfirmed`. Commands wait for the login. The client
 * relies on socket.io's own reconnection (keep `reconnection` on): after each
 * new `loginConfirmed` it joins the rooms joined through it again and
 * catches up on what they missed, as the WebSocket client does. A command
 * whose connection dropped before its reply rejects with a connection error
 * (no `code`) and is not sent again. Needs socket.io-client ≥ 4.7.5.
 *
 * @param socket - e.g. `io('https://chat.example/chat-service', { query: { user: 'alice' } })`
 * @param options - see {@link ClientOptions}
 * @returns the client
 *
 * @example
 * ```ts
 * import { io } from 'socket.io-client';
 * import { createSocketIOClient } from '@chat-service/client';
 *
 * const client = createSocketIOClient(io('http://localhost:8000/chat-service', { query: { user: 'alice' } }));
 * const { userName } = await client.login();
 * client.on('roomMessage', (room, message) => console.log(room, message.author, message.textMessage));
 * await client.roomJoin('default');
 * const id = await client.roomMessage('default', { textMessage: `hello from ${userName}` });
 * ```
 */
export function createSocketIOClient(socket: Socket, options: SocketIOClientOptions = {}): SocketIOChatClient {
  const client = createChatClient((events) => createLink(socket, events), options);
  return Object.defineProperty(client, 'socket', { value: socket, enumerable: true }) as SocketIOChatClient;
}
