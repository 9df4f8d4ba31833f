/**
 * The typed client API shared by the socket.io and WebSocket clients, built
 * over a small `ClientLink` each of them implements.
 *
 * @module
 */
import type { CommandArgs, CommandName, CommandResult, NotificationMap } from '@chat-service/core/protocol';
import type { Clock } from './clock.js';
import type { CommandMethods } from './command-methods.js';
import type { ChatServiceClientError } from './errors.js';
import type { LoginInfo } from './login.js';
import type { RoomMessagesLostInfo } from './sequence-ports.js';

/** The connection as the client sees it: see {@link ChatClientBase.connectionState}. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** The events of {@link ChatClientBase.on}: the server's notifications plus the client's own two. */
export interface ClientEventMap extends NotificationMap {
  /** The connection state changed. */
  connectionState: [state: ConnectionState];
  /** Messages of a room joined through the client cannot be delivered; the ones after the gap follow. */
  roomMessagesLost: [roomName: string, info: RoomMessagesLostInfo];
}

/** An event name of {@link ClientEventMap}. */
export type ClientEventName = keyof ClientEventMap;

/** A listener of event `E`, called with its positional params. */
export type NotificationListener<E extends ClientEventName> = (...args: ClientEventMap[E]) => void;

/** What a connection reports to the shared client. */
export interface LinkEvents {
  /** A server notification (`loginConfirmed` and `loginRejected` included). */
  notification(event: string, params: readonly unknown[]): void;
  /** `loginConfirmed` on a connection. */
  loggedIn(info: LoginInfo): void;
  /** A new connection attempt started by itself (socket.io's reconnection). */
  connecting(): void;
  /**
   * The connection or its login is gone: `retrying` when the link is trying
   * again by itself, false when it is over (rejected, closed, refused).
   */
  down(error: ChatServiceClientError, retrying: boolean): void;
}

/** What a connection offers the shared client. */
export interface ClientLink {
  /** Sends a command on the current connection; resolves with all its results (`[result, ...extras]`), rejects with a {@link ChatServiceClientError}. */
  request(name: string, args: readonly unknown[]): Promise<unknown[]>;
  /** Starts connecting if the connection is idle (socket.io `autoConnect: false`). */
  connect(): void;
  /** Closes the connection for good. */
  close(): Promise<void>;
}

/** Options every client takes. */
export interface ClientOptions {
  /**
   * Rejects a command with a {@link ChatServiceClientError} (no `code`) when
   * it has no reply this many ms after the call, waiting for the login
   * included. Off by default.
   */
  timeoutMs?: number | undefined;
}

/** Internal knobs, for tests. */
export interface ClientInternals {
  /** Timers. @default the global ones */
  clock?: Clock | undefined;
  /** How long a later message id waits for an earlier one before the history is read. @default 2000 */
  holdMs?: number | undefined;
}

/** The methods every client has besides one method per command. */
export interface ChatClientBase {
  /**
   * Sends a command once logged in and resolves with its result.
   *
   * @param name - a command name
   * @param args - its positional arguments
   * @returns the result (the first one, when hooks add extras)
   * @throws {ChatServiceClientError} the service's error (`code`, `args`), the failed login, or a closed connection
   */
  command<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<CommandResult<K>>;
  /**
   * Like {@link ChatClientBase.command}, but resolves with every result: the
   * command's, then any extra values that `...After` / `...Before` hooks returned.
   *
   * @param name - a command name
   * @param args - its positional arguments
   * @returns `[result, ...extras]`
   * @throws {ChatServiceClientError} as `command`
   */
  commandWithExtras<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<unknown[]>;
  /**
   * Listens to a server notification, or to one of the client's events:
   * `connectionState` and `roomMessagesLost`. For the rooms joined through
   * this client, `roomMessage` gives each message exactly once, in ascending
   * id order, across reconnections (missed ones are read from the history);
   * `roomMessagesLost` comes before the messages that follow a gap that
   * could not be filled.
   *
   * @param event - an event name, e.g. `roomMessage`
   * @param listener - called with the event's params
   * @returns a function that removes the listener
   */
  on<E extends ClientEventName>(event: E, listener: NotificationListener<E>): () => void;
  /**
   * Removes a listener added with {@link ChatClientBase.on}.
   *
   * @param event - the notification name
   * @param listener - the same function
   */
  off<E extends ClientEventName>(event: E, listener: NotificationListener<E>): void;
  /**
   * Waits for the login: resolves on `loginConfirmed` (at once if it came
   * already), rejects on `loginRejected` or a failed connection.
   *
   * @returns your user name and `authData`
   * @throws {ChatServiceClientError} the rejection (e.g. `noLogin`), or the connection failure
   */
  login(): Promise<LoginInfo>;
  /** The current login, once confirmed; undefined before it and after a disconnect. */
  readonly user: LoginInfo | undefined;
  /**
   * `connecting` until the first login, `connected` once logged in (and the
   * remembered rooms joined again), `reconnecting` after a connection loss
   * while a new connection is being made, `closed` after `close()` or when
   * the connection cannot come back (login rejected, reconnection off).
   * Changes are told by the `connectionState` event.
   */
  readonly connectionState: ConnectionState;
  /** Closes the connection for good (no reconnection); pending commands reject. */
  close(): Promise<void>;
}

/** A typed chat-service client: {@link ChatClientBase} plus one method per command. */
export interface ChatClient extends ChatClientBase, CommandMethods {}

