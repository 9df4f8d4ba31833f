/**
 * The typed client over a socket.io-client 4 `Socket` the caller created.
 *
 * @module
 */
import type { AuthData } from '@chat-service/core';
import type { Socket } from 'socket.io-client';
import { createChatClient } from './client.js';
import type { ChatClient, ClientLink, ClientOptions } from './client.js';
import { ChatServiceClientError, toClientError } from './errors.js';
import { LoginTracker } from './login.js';

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function trackLogin(socket: Socket, tracker: LoginTracker): void {
  socket.on('connect', () => {
    tracker.reset();
  });
  socket.on('loginConfirmed', (userName: unknown, authData: unknown) => {
    tracker.confirm({ userName: String(userName), authData: (isRecord(authData) ? authData : { id: socket.id ?? '' }) as AuthData });
  });
  socket.on('loginRejected', (error: unknown) => {
    tracker.fail(toClientError(error));
  });
  socket.on('connect_error', (error: Error) => {
    tracker.fail(new ChatServiceClientError(error.message, { cause: error, raw: error }));
  });
  socket.on('disconnect', (reason: Socket.DisconnectReason) => {
    if (tracker.isFailed) return;
    // socket.io reconnects by itself unless the disconnect was deliberate.
    if (socket.active) tracker.reset();
    else tracker.fail(new ChatServiceClientError(`disconnected (${reason})`));
  });
}

function createLink(socket: Socket): ClientLink {
  return {
    request(name, args) {
      return new Promise((resolve, reject) => {
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
    // socket.io calls listeners with the decoded params, which the notification map types.
    on(event, listener) {
      socket.on(event, listener as (...args: unknown[]) => void);
    },
    off(event, listener) {
      socket.off(event, listener as (...args: unknown[]) => void);
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
 * client must see `loginConfirmed`. Commands wait for the login; socket.io's
 * reconnection keeps working (commands then wait for the next login).
 * Needs socket.io-client ≥ 4.7.5.
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
  const tracker = new LoginTracker();
  trackLogin(socket, tracker);
  const client = createChatClient(createLink(socket), tracker, options);
  return Object.defineProperty(client, 'socket', { value: socket, enumerable: true }) as SocketIOChatClient;
}
