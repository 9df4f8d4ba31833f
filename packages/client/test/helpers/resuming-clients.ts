/**
 * SDK clients that reconnect (ws: the client's own reconnection; socket.io:
 * socket.io's), connected to a port (usually a {@link TcpProxy}'s), and a
 * recorder of what `roomMessage` and `roomMessagesLost` gave them.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { createSocketIOClient, createWsClient } from '../../src/index.js';
import type { ChatClient, ClientOptions } from '../../src/index.js';
import type { ClientKind } from './service.js';

const opened: ChatClient[] = [];

/** Closes every client made here (call from `afterEach`). */
export async function closeResumingClients(): Promise<void> {
  await Promise.allSettled(opened.splice(0).map((c) => c.close()));
}

/** Reconnection delays of the test clients, in ms. */
export interface Delays {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * A client of `kind` as `user` on `port`, reconnecting after the given delays.
 *
 * @param kind - the transport
 * @param port - where to connect
 * @param user - the `?user=` the test service trusts
 * @param options - reconnection delays, timeout
 * @returns the client
 */
export function resumingClient(kind: ClientKind, port: number, user: string, options: ClientOptions & { delays: Delays }): ChatClient {
  const { delays } = options;
  let client: ChatClient;
  if (kind === 'socket.io') {
    const socket = io(`http://127.0.0.1:${String(port)}/chat-service`, {
      query: { user },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: delays.initialDelayMs,
      reconnectionDelayMax: delays.maxDelayMs,
    });
    client = createSocketIOClient(socket, { timeoutMs: options.timeoutMs });
  } else {
    const url = `ws://127.0.0.1:${String(port)}/chat-service?user=${encodeURIComponent(user)}`;
    client = createWsClient(url, { timeoutMs: options.timeoutMs, WebSocket, reconnect: delays });
  }
  opened.push(client);
  return client;
}

/** What a client's listeners saw, in order: message ids and losses. */
export interface Recording {
  /** Per room: ids, and `lost <reason> after <id>` entries. */
  readonly byRoom: Map<string, (number | string)[]>;
  /** Per room and id: when it was delivered (performance.now()). */
  readonly deliveredAt: Map<string, Map<number, number>>;
  /** Deliveries of an id not above the room's previous one. */
  duplicatesOrInversions: number;
}

/**
 * Records `roomMessage` and `roomMessagesLost` of a client.
 *
 * @param client - the client
 * @returns the live recording
 */
export function record(client: ChatClient): Recording {
  const recording: Recording = { byRoom: new Map(), deliveredAt: new Map(), duplicatesOrInversions: 0 };
  const entries = (room: string): (number | string)[] => {
    const list = recording.byRoom.get(room) ?? [];
    recording.byRoom.set(room, list);
    return list;
  };
  const lastId = new Map<string, number>();
  client.on('roomMessage', (room, message) => {
    const previous = lastId.get(room) ?? 0;
    if (message.id <= previous) recording.duplicatesOrInversions++;
    lastId.set(room, message.id);
    entries(room).push(message.id);
    const times = recording.deliveredAt.get(room) ?? new Map<number, number>();
    recording.deliveredAt.set(room, times);
    if (!times.has(message.id)) times.set(message.id, performance.now());
  });
  client.on('roomMessagesLost', (room, info) => {
    lastId.set(room, 0);
    entries(room).push(`lost ${info.reason} after ${String(info.lastDeliveredId)}`);
  });
  return recording;
}
