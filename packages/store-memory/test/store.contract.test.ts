import { describeStoreContract } from '@chat-service/core/contracts';
import { createMemoryBacking, createMemoryStore } from '../src/index.js';

const backing = createMemoryBacking();

describeStoreContract('memory', { create: () => Promise.resolve(createMemoryStore({ backing })) });
