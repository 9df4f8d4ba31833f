/**
 * The ports: what the core needs from storage (`Store`), from other
 * instances (`Bus`) and from the network (`Transport`). Declarations only,
 * one file per port under `ports/`.
 *
 * @module
 */
export type * from './ports/types.js';
export type * from './ports/store.js';
export type * from './ports/bus.js';
export type * from './ports/transport.js';
