/**
 * The instance registry (socket id -> user name per instance) and heartbeats.
 *
 * @module
 */
import type { InstanceStore } from '@chat-service/core';
import { settle } from './internal/settle.js';

/** instance UID -> socket id -> user name. */
export type InstanceTable = Map<string, Map<string, string>>;

/** instance UID -> last heartbeat (ms). */
export type HeartbeatTable = Map<string, number>;

/** The instance methods of a `Store`. */
export type InstanceOperations = InstanceStore;

/**
 * Implements the instance methods.
 *
 * @param instances - the shared registry
 * @param heartbeats - the shared heartbeats
 * @returns the methods
 */
export function createInstanceOperations(instances: InstanceTable, heartbeats: HeartbeatTable): InstanceOperations {
  return {
    addInstanceSocket(instanceUID, socketId, user) {
      return settle(() => {
        let sockets = instances.get(instanceUID);
        if (!sockets) instances.set(instanceUID, (sockets = new Map<string, string>()));
        sockets.set(socketId, user);
      });
    },
    removeInstanceSocket(instanceUID, socketId) {
      return settle(() => {
        const sockets = instances.get(instanceUID);
        sockets?.delete(socketId);
        if (sockets?.size === 0) instances.delete(instanceUID);
      });
    },
    getInstanceSockets(instanceUID) {
      return settle(() => {
        // fromEntries defines own properties: a socket id `__proto__` stays a key
        return Object.fromEntries(instances.get(instanceUID) ?? []);
      });
    },
    setHeartbeat(instanceUID, timestamp) {
      return settle(() => {
        heartbeats.set(instanceUID, timestamp);
      });
    },
    getHeartbeat(instanceUID) {
      return settle(() => heartbeats.get(instanceUID) ?? null);
    },
  };
}
