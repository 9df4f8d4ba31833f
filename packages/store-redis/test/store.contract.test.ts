/**
 * The core Store + Bus contract, on a single Redis node and on a six-node
 * Redis Cluster. Each setup gets its own random key prefix: handles created
 * for one setup share it (one backing); its keys are deleted afterwards, and
 * nothing is ever flushed.
 */
import { describeStoreContract } from '@chat-service/core/contracts';
import { createRedisStore } from '../src/index.js';
import { randomPrefix, setups, usePrefix } from './setups.js';

for (const setup of setups) {
  const prefix = usePrefix(setup, randomPrefix());
  describeStoreContract(`redis ${setup.name}`, {
    create: () => Promise.resolve(createRedisStore({ ...setup.connection(), prefix })),
  });
}
