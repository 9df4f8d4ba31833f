/**
 * Routing between instances: a notification is delivered to this instance's
 * sockets at once, and published on the bus topic of the room, user or
 * instance it is for; messages received on subscribed topics are delivered
 * to the local sockets. Counts what goes out and comes in, per topic kind.
 *
 * @module
 */
import { roomMessageId } from './bus-message.js';
import { BusSubscriptions } from './bus-subscriptions.js';
import { GLOBAL_TOPIC, instanceTopic, roomTopic, userTopic } from './bus-topics.js';
import type { ClusterBus } from './cluster-bus.js';
import { RoomOrder } from './room-order.js';
import type { Logger } from './logger.js';
import { userChannel, USER_CHANNEL_PREFIX, isValidName } from './name-rules.js';
import type { Bus, BusEmit, BusMessage, BusTopic, BusTopicKind, Transport } from './ports.js';

/** Bus messages of one instance, per topic kind. */
export interface BusTraffic {
  /** Published by this instance (including a store's publish inside an append). */
  readonly published: Record<BusTopicKind, number>;
  /** Received from other instances (this instance's own messages are never received). */
  readonly received: Record<BusTopicKind, number>;
}

/** What the routing needs from the service. */
export interface RoutingConfig {
  bus: Bus;
  instanceUID: string;
  transports: readonly Transport[];
  clusterBus: ClusterBus;
  logger: Logger;
  /** The store publishes each room message inside its append (every id of a room reaches the bus), so local delivery can keep id order. */
  ordered: boolean;
  /** Handles the service messages (everything but `emit` and `custom`). */
  onServiceMessage(message: BusMessage): void;
}

/** How long a room message waits for a missing lower id before it is delivered anyway (ms). */
const GAP_MS = 1000;

function zero(): Record<BusTopicKind, number> {
  return { room: 0, user: 0, instance: 0, global: 0 };
}

/** The bus topic of a transport channel the core joins sockets to: a user's channel, or a room. */
export function topicOfChannel(channel: string): BusTopic | undefined {
  if (channel.startsWith(USER_CHANNEL_PREFIX)) return userTopic(channel.slice(USER_CHANNEL_PREFIX.length));
  return isValidName(channel) ? roomTopic(channel) : undefined;
}

/** See the module doc. */
export class Routing {
  readonly subscriptions: BusSubscriptions;
  readonly traffic: BusTraffic = { published: zero(), received: zero() };
  #config: RoutingConfig;
  #stop: () => void;
  #order = new RoomOrder<readonly unknown[]>(GAP_MS, (room, args) => {
    this.deliverLocal(room, 'roomMessage', args, undefined);
  });
  #listening: Promise<void> | undefined;

  /** Takes `config`'s bus messages from now on; receiving starts with {@link Routing.listen}. */
  constructor(config: RoutingConfig) {
    this.#config = config;
    this.subscriptions = new BusSubscriptions(config.bus, (topic) => {
      if (topic.kind === 'room') this.#order.forget(topic.name);
    });
    this.#stop = config.bus.onMessage((message, topic) => {
      this.#receive(message, topic);
    });
  }

  /** Starts receiving: this instance's topic and the global one (once; later calls get the same promise). */
  listen(): Promise<void> {
    this.#listening ??= (async () => {
      const { bus, instanceUID } = this.#config;
      await bus.listen(instanceUID);
      await Promise.all([bus.subscribe(GLOBAL_TOPIC), bus.subscribe(instanceTopic(instanceUID))]);
    })();
    return this.#listening;
  }

  /** Stops receiving. */
  close(): void {
    this.#stop();
  }

  /** Delivers a notification to a channel's local sockets and publishes it on `topic`. */
  emit(topic: BusTopic, { channel, event, args, exceptId }: Omit<BusEmit, 'kind' | 'origin'>): void {
    this.deliverLocal(channel, event, args, exceptId ?? undefined);
    this.publish(topic, { kind: 'emit', origin: this.#config.instanceUID, channel, event, args, exceptId: exceptId ?? null });
  }

  /** A room's notification, to its sockets on every instance. */
  emitToRoom(room: string, event: string, args: unknown[]): void {
    this.emit(roomTopic(room), { channel: room, event, args });
  }

  /**
   * A room message sent through this instance, with the id its append gave it.
   * `published`: the store published it already (inside the append), so it is
   * only delivered here, in id order.
   */
  emitRoomMessage(room: string, id: number, args: unknown[], published: boolean): void {
    if (!published) {
      this.emitToRoom(room, 'roomMessage', args);
      return;
    }
    this.traffic.published.room += 1;
    this.#deliverInOrder(room, id, args);
  }

  /** A notification for a channel on every instance (`service.transport.emitToChannel`): a user's channel on the user's topic, any other on the global topic. */
  fanout(channel: string, event: string, args: unknown[], exceptId?: string | null): void {
    const topic = topicOfChannel(channel);
    this.emit(topic?.kind === 'user' ? topic : GLOBAL_TOPIC, { channel, event, args, exceptId });
  }

  /** A user's notification (an echo skips `exceptId`). */
  emitToUser(user: string, event: string, args: unknown[], exceptId?: string | null): void {
    this.emit(userTopic(user), { channel: userChannel(user), event, args, exceptId });
  }

  /**
   * After the instance subscribed to a room's topic: starts the room's line
   * at the id after `lastMessageId()` (read after the subscription, so every
   * later id reaches this instance), once per subscription. Never rejects.
   */
  async startRoomOrder(room: string, lastMessageId: () => Promise<number>): Promise<void> {
    if (!this.#config.ordered || this.#order.has(room)) return;
    // without the read, the first message seen starts the line
    const last = await lastMessageId().catch(() => undefined);
    if (last !== undefined && this.subscriptions.isHeld(roomTopic(room))) this.#order.start(room, last + 1);
  }

  /** Publishes a message; failures are logged. */
  publish(topic: BusTopic, message: BusMessage): void {
    this.traffic.published[topic.kind] += 1;
    this.#config.bus.publish(topic, message).catch((error: unknown) => {
      this.#config.logger.warn('bus publish failed', { topic, error });
    });
  }

  /** Emits to a channel of this instance's transports. */
  deliverLocal(channel: string, event: string, args: readonly unknown[], exceptId: string | undefined): void {
    for (const transport of this.#config.transports) {
      try {
        transport.emitToChannel(channel, event, args, exceptId);
      } catch (error) {
        this.#config.logger.warn('emit failed', { channel, event, error });
      }
    }
  }

  /** A room notification from the bus; room messages in id order when the store publishes them. */
  #deliverRoomMessage(room: string, event: string, args: readonly unknown[]): void {
    const id = event === 'roomMessage' && this.#config.ordered ? roomMessageId(args) : undefined;
    if (id === undefined) this.deliverLocal(room, event, args, undefined);
    else this.#deliverInOrder(room, id, args);
  }

  #deliverInOrder(room: string, id: number, args: readonly unknown[]): void {
    if (!this.#config.ordered || !this.subscriptions.isHeld(roomTopic(room))) {
      this.deliverLocal(room, 'roomMessage', args, undefined);
      return;
    }
    this.#order.push(room, id, args);
  }

  #receive(message: BusMessage, topic: BusTopic): void {
    if (message.origin === this.#config.instanceUID) return;
    this.traffic.received[topic.kind] += 1;
    switch (message.kind) {
      case 'emit':
        if (topic.kind === 'room') this.#deliverRoomMessage(message.channel, message.event, message.args);
        else this.deliverLocal(message.channel, message.event, message.args, message.exceptId ?? undefined);
        return;
      case 'custom':
        this.#config.clusterBus.deliver(message.event, message.args);
        return;
      default:
        this.#config.onServiceMessage(message);
    }
  }
}
