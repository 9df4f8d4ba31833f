/**
 * Acting on sockets hosted by other instances, over the bus: "leave this
 * room" (sent on the user's topic, acknowledged on the asking instance's
 * topic) and "disconnect this user's sockets" (on the user's topic).
 *
 * @module
 */
import { instanceTopic, userTopic } from './bus-topics.js';
import type { BusMessage, Transport } from './ports.js';
import type { Routing } from './routing.js';

/** What {@link RemoteSockets} needs from the service. */
export interface RemoteSocketsConfig {
  instanceUID: string;
  /** The local sockets (by id) and their users. */
  sockets: ReadonlyMap<string, { userName: string | undefined; transport: Pick<Transport, 'disconnect'> }>;
  routing: Routing;
  /** How long a leave request waits for its host's ack (ms). */
  ackTimeout: number;
  /** Removes a local socket from a room's transport channel. */
  leaveChannel(id: string, room: string): Promise<void>;
}

/** See the module doc. */
export class RemoteSockets {
  #config: RemoteSocketsConfig;
  #leaveAcks = new Map<string, () => void>();

  /** Acts through `config`'s routing, for the sockets it lists as local. */
  constructor(config: RemoteSocketsConfig) {
    this.#config = config;
  }

  /** Handles a service message from another instance. */
  receive(message: BusMessage): void {
    if (message.kind === 'leaveSocket') {
      if (!this.#config.sockets.has(message.id)) return;
      const reply: BusMessage = { kind: 'socketLeft', origin: this.#config.instanceUID, id: message.id, room: message.room };
      this.#config
        .leaveChannel(message.id, message.room)
        .catch(() => undefined)
        .finally(() => {
          this.#config.routing.publish(instanceTopic(message.origin), reply);
        });
    } else if (message.kind === 'socketLeft') {
      this.#leaveAcks.get(`${message.id}\n${message.room}`)?.();
    } else if (message.kind === 'disconnectUser') {
      this.#disconnectLocal(message.user);
    }
  }

  /** Disconnects the user's sockets here and on every other instance. */
  disconnectUser(user: string): void {
    this.#disconnectLocal(user);
    this.#config.routing.publish(userTopic(user), { kind: 'disconnectUser', origin: this.#config.instanceUID, user });
  }

  /** Removes a socket from a room's channel wherever it lives; waits for its host's ack up to the timeout. */
  async leaveSocket(user: string, id: string, room: string): Promise<void> {
    if (this.#config.sockets.has(id)) {
      await this.#config.leaveChannel(id, room).catch(() => undefined);
      return;
    }
    const key = `${id}\n${room}`;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.#leaveAcks.get(key) === done) this.#leaveAcks.delete(key);
        resolve();
      };
      const timer = setTimeout(done, this.#config.ackTimeout);
      this.#leaveAcks.set(key, done);
      this.#config.routing.publish(userTopic(user), { kind: 'leaveSocket', origin: this.#config.instanceUID, id, room });
    });
  }

  #disconnectLocal(user: string): void {
    for (const [id, socket] of this.#config.sockets) {
      if (socket.userName === user) socket.transport.disconnect(id, 'server');
    }
  }
}
