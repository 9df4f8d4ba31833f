/**
 * The typed client API shared by the socket.io and WebSocket clients, built
 * over a small `ClientLink` each of them implements.
 *
 * @module
 */
import type { CommandArgs, CommandName, CommandResult, NotificationMap, NotificationName } from '@chat-service/core';
import { createCommandMethods } from './command-methods.js';
import type { CommandMethods } from './command-methods.js';
import { ChatServiceClientError } from './errors.js';
import type { LoginInfo, LoginTracker } from './login.js';

/** A listener of notification `E`, called with its positional params. */
export type NotificationListener<E extends NotificationName> = (...args: NotificationMap[E]) => void;

/** A listener as a link stores it; the typed API is the only way in. */
export type LinkListener = (...args: never) => void;

/** What a connection offers the shared client. */
export interface ClientLink {
  /** Sends a command now; resolves with all its results (`[result, ...extras]`), rejects with a {@link ChatServiceClientError}. */
  request(name: string, args: readonly unknown[]): Promise<unknown[]>;
  /** Adds a notification listener. */
  on(event: string, listener: LinkListener): void;
  /** Removes a notification listener. */
  off(event: string, listener: LinkListener): void;
  /** Starts connecting if the connection is idle (socket.io `autoConnect: false`). */
  connect(): void;
  /** Closes the connection. */
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
   * Listens to a server notification.
   *
   * @param event - a notification name, e.g. `roomMessage`
   * @param listener - called with the notification's params
   * @returns a function that removes the listener
   */
  on<E extends NotificationName>(event: E, listener: NotificationListener<E>): () => void;
  /**
   * Removes a listener added with {@link ChatClientBase.on}.
   *
   * @param event - the notification name
   * @param listener - the same function
   */
  off<E extends NotificationName>(event: E, listener: NotificationListener<E>): void;
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
  /** Closes the connection; pending commands reject. */
  close(): Promise<void>;
}

/** A typed chat-service client: {@link ChatClientBase} plus one method per command. */
export interface ChatClient extends ChatClientBase, CommandMethods {}

function withTimeout<T>(promise: Promise<T>, name: string, ms: number | undefined): Promise<T> {
  if (ms === undefined) return promise;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new ChatServiceClientError(`${name}: no reply within ${String(ms)} ms`));
    }, ms);
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
    });
  });
}

/**
 * Builds the typed client over a link and its login tracker.
 *
 * @param link - the connection
 * @param tracker - its login outcome
 * @param options - see {@link ClientOptions}
 * @returns the client
 */
export function createChatClient(link: ClientLink, tracker: LoginTracker, options: ClientOptions = {}): ChatClient {
  const login = (): Promise<LoginInfo> => {
    if (tracker.isPending) link.connect();
    return tracker.wait();
  };
  // Commands sent before loginConfirmed are dropped (socket.io) or refused (ws), so wait for it.
  const send = (name: string, args: readonly unknown[]): Promise<unknown[]> =>
    withTimeout(
      login().then(() => link.request(name, args)),
      name,
      options.timeoutMs,
    );
  const command = async <K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<CommandResult<K>> => {
    const [result] = await send(name, args);
    // The trust boundary: the server's reply is the command's result type by protocol.
    return (result ?? null) as CommandResult<K>;
  };
  const base: ChatClientBase = {
    command,
    commandWithExtras: (name, ...args) => send(name, args),
    on(event, listener) {
      link.on(event, listener);
      return () => {
        link.off(event, listener);
      };
    },
    off(event, listener) {
      link.off(event, listener);
    },
    login,
    get user() {
      return tracker.info;
    },
    close: () => link.close(),
  };
  return Object.defineProperties(createCommandMethods(command), Object.getOwnPropertyDescriptors(base)) as ChatClient;
}
