/**
 * The Bus port: instance-to-instance messages on topics. A room's traffic
 * goes on the room's topic, a user's on the user's, an instance's on its own,
 * and what every instance must hear on the one global topic; an instance
 * subscribes to a room or user topic only while it has a local socket there.
 *
 * @module
 */

/** The kinds of topic. */
export type BusTopicKind = 'room' | 'user' | 'instance' | 'global';

/** Where a bus message goes: one room's, one user's or one instance's topic, or the global one. */
export type BusTopic = { readonly kind: 'room' | 'user' | 'instance'; readonly name: string } | { readonly kind: 'global' };

/** A notification for the sockets of a local transport channel (a room, or a user's channel) on every receiving instance. */
export interface BusEmit {
  readonly kind: 'emit';
  /** The instanceUID of the publisher. */
  readonly origin: string;
  readonly channel: string;
  readonly event: string;
  readonly args: readonly unknown[];
  /** A socket that must not get it (the sender of an echo). */
  readonly exceptId?: string | null | undefined;
}

/** "Remove this socket from this room's channel" (forced removal of a socket hosted elsewhere). */
export interface BusLeaveSocket {
  readonly kind: 'leaveSocket';
  readonly origin: string;
  readonly id: string;
  readonly room: string;
}

/** The answer to {@link BusLeaveSocket}, sent on the asking instance's topic. */
export interface BusSocketLeft {
  readonly kind: 'socketLeft';
  readonly origin: string;
  readonly id: string;
  readonly room: string;
}

/** "Disconnect every local socket of this user." */
export interface BusDisconnectUser {
  readonly kind: 'disconnectUser';
  readonly origin: string;
  readonly user: string;
}

/** A `service.clusterBus` event: a name and JSON-serialisable arguments. */
export interface BusCustom {
  readonly kind: 'custom';
  readonly origin: string;
  readonly event: string;
  readonly args: readonly unknown[];
}

/** One instance-to-instance message; `kind` tells which. */
export type BusMessage = BusEmit | BusLeaveSocket | BusSocketLeft | BusDisconnectUser | BusCustom;

/** Receives the messages of subscribed topics. */
export type BusHandler = (message: BusMessage, topic: BusTopic) => void;

/**
 * Instance-to-instance messaging on topics. A message published on a topic
 * reaches the handlers of every bus that is subscribed to that topic, except
 * the bus of its `origin` (an instance delivers its own messages locally and
 * never decodes them again). Messages published on one topic by one
 * publisher arrive in publish order.
 */
export interface Bus {
  /**
   * Starts receiving for instance `self`: messages whose origin is `self` are
   * dropped before they are decoded. Resolves once subscriptions can be made.
   */
  listen(self: string): Promise<void>;
  /** Publishes on a topic. */
  publish(topic: BusTopic, message: BusMessage): Promise<void>;
  /** Subscribes to a topic; idempotent. Resolves once messages published afterwards are received. */
  subscribe(topic: BusTopic): Promise<void>;
  /** Unsubscribes from a topic; idempotent. Resolves once no more of its messages are received. */
  unsubscribe(topic: BusTopic): Promise<void>;
  /** Adds a handler of received messages; returns its removal. */
  onMessage(handler: BusHandler): () => void;
  /** Stops delivery and drops every subscription; idempotent. */
  close(): Promise<void>;
  /**
   * Forgets what a dead instance left on the bus (on Redis, its registrations
   * as a listener of room channels, which would make every message of those
   * rooms be published for nobody). Called by `instanceRecovery`; a bus that
   * keeps nothing per instance leaves it out.
   */
  forget?(instanceUID: string): Promise<void>;
}
