/**
 * @module @chat-service/store-redis
 * The chat-service Store and Bus on Redis and Redis Cluster (ioredis 5).
 */
export { createRedisStore } from './store.js';
export type { RedisStore, RedisStoreOptions } from './store.js';
export type { ConnectionOptions } from './client.js';
export { RedisUnreachableError, describeConnectionError } from './readiness.js';
export { createKeySpace, hashTag } from './keys.js';
export type { KeySpace } from './keys.js';
