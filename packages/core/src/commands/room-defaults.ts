/**
 * The settings a new room starts with, from the service options.
 *
 * @module
 */
import type { Runtime } from './runtime.js';

/** Defaults of a room created by a client or `addRoom`. */
export function defaultRoomInit(rt: Runtime): {
  owner: null;
  whitelistOnly: false;
  adminlist: string[];
  whitelist: string[];
  blacklist: string[];
  historyMaxSize: number;
  enableAccessListsUpdates: boolean;
  enableUserlistUpdates: boolean;
} {
  return {
    owner: null,
    whitelistOnly: false,
    adminlist: [],
    whitelist: [],
    blacklist: [],
    historyMaxSize: rt.options.historyMaxSize,
    enableAccessListsUpdates: rt.options.enableAccessListsUpdates,
    enableUserlistUpdates: rt.options.enableUserlistUpdates,
  };
}
