/**
 * Bus topics by name, and a topic as one string.
 *
 * @module
 */
import type { BusTopic } from './ports.js';

/** The one topic every instance subscribes to. */
export const GLOBAL_TOPIC: BusTopic = { kind: 'global' };

/** A room's topic. */
export function roomTopic(room: string): BusTopic {
  return { kind: 'room', name: room };
}

/** A user's topic. */
export function userTopic(user: string): BusTopic {
  return { kind: 'user', name: user };
}

/** An instance's topic. */
export function instanceTopic(instanceUID: string): BusTopic {
  return { kind: 'instance', name: instanceUID };
}

/** A topic as one string (`room:<name>`, `user:<name>`, `instance:<uid>`, `global`), e.g. as a map key. */
export function topicKey(topic: BusTopic): string {
  return topic.kind === 'global' ? 'global' : `${topic.kind}:${topic.name}`;
}
