/**
 * The shared client over a link: the login gate commands wait on, the
 * connection state, the event listeners, and the rooms it resumes after each
 * new login.
 *
 * @module
 */
import type { CommandArgs, CommandName, CommandResult, RoomMessage } from '@chat-service/core/protocol';
import type { ChatClient, ChatClientBase, ClientInternals, ClientLink, ClientOptions, ConnectionState, LinkEvents } from './client.js';
import { systemClock } from './clock.js';
import { createCommandMethods } from './command-methods.js';
import { ChatServiceClientError } from './errors.js';
import { Listeners } from './listeners.js';
import { LoginTracker } from './login.js';
import type { LoginInfo } from './login.js';
import type { RoomMessagesLostInfo } from './sequence-ports.js';
import { RoomTracking } from './room-tracking.js';

const DEFAULT_HOLD_MS = 2000;

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
 * Builds the typed client over a link.
 *
 * @param open - makes the link, given the events it reports
 * @param options - see {@link ClientOptions}
 * @returns the client
 */
export function createChatClient(open: (events: LinkEvents) => ClientLink, options: ClientOptions & ClientInternals = {}): ChatClient {
  const listeners = new Listeners();
  const tracker = new LoginTracker();
  let state: ConnectionState = 'connecting';
  let everLoggedIn = false;
  let closed = false;
  /** Bumped by every login and loss, so that a late rejoin of an old connection does nothing. */
  let session = 0;
  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    listeners.emit('connectionState', [next]);
  };
  const rooms = new RoomTracking({
    request: (name, args) => link.request(name, args),
    sink: {
      message: (room: string, message: RoomMessage) => {
        listeners.emit('roomMessage', [room, message]);
      },
      lost: (room: string, info: RoomMessagesLostInfo) => {
        listeners.emit('roomMessagesLost', [room, info]);
      },
    },
    clock: options.clock ?? systemClock,
    holdMs: options.holdMs ?? DEFAULT_HOLD_MS,
  });
  const events: LinkEvents = {
    notification(event, params) {
      if (event === 'roomMessage' && rooms.live(params[0], params[1])) return;
      if (event === 'roomAccessRemoved') rooms.forget(String(params[0]));
      listeners.emit(event, params);
    },
    loggedIn(info) {
      const current = ++session;
      rooms.rejoin().then(
        (lost) => {
          if (current !== session) return;
          for (const room of lost) listeners.emit('roomAccessRemoved', [room]);
          everLoggedIn = true;
          tracker.confirm(info);
          setState('connected');
        },
        // The connection dropped while joining again: its `down` comes, then the next login.
        () => undefined,
      );
    },
    connecting() {
      if (closed || state !== 'closed') return;
      tracker.reset();
      setState(everLoggedIn ? 'reconnecting' : 'connecting');
    },
    down(error, retrying) {
      session++;
      rooms.pause();
      if (retrying && everLoggedIn && !closed) {
        tracker.reset();
        setState('reconnecting');
        return;
      }
      if (!tracker.isFailed) tracker.fail(error);
      setState('closed');
    },
  };
  const link = open(events);

  const login = (): Promise<LoginInfo> => {
    if (tracker.isPending) link.connect();
    return tracker.wait();
  };
  const sendNow = async (name: string, args: readonly unknown[]): Promise<unknown[]> => {
    await login();
    const room = args[0];
    if (name !== 'roomJoin' || typeof room !== 'string') {
      const results = await link.request(name, args);
      if (name === 'roomLeave' && typeof room === 'string') rooms.forget(room);
      return results;
    }
    rooms.joining(room);
    let results: unknown[];
    try {
      results = await link.request(name, args);
    } catch (error) {
      await rooms.joined(room, false);
      throw error;
    }
    await rooms.joined(room, true);
    return results;
  };
  // Commands sent before loginConfirmed are dropped (socket.io) or refused (ws), so wait for it.
  const send = (name: string, args: readonly unknown[]): Promise<unknown[]> => withTimeout(sendNow(name, args), name, options.timeoutMs);
  const command = async <K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<CommandResult<K>> => {
    const [result] = await send(name, args);
    // The trust boundary: the server's reply is the command's result type by protocol.
    return (result ?? null) as CommandResult<K>;
  };
  const base: ChatClientBase = {
    command,
    commandWithExtras: (name, ...args) => send(name, args),
    on(event, listener) {
      listeners.on(event, listener);
      return () => {
        listeners.off(event, listener);
      };
    },
    off(event, listener) {
      listeners.off(event, listener);
    },
    login,
    get user() {
      return tracker.info;
    },
    get connectionState() {
      return state;
    },
    close: async () => {
      closed = true;
      rooms.stop();
      await link.close();
      setState('closed');
    },
  };
  return Object.defineProperties(createCommandMethods(command), Object.getOwnPropertyDescriptors(base)) as ChatClient;
}
