/** The behaviour suite over real JSON-RPC WebSocket clients (JSON and MessagePack frames), on the memory and the Redis store. */
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { describe } from 'vitest';
import { wsHarness } from './helpers/harness.js';

describe('ws json × memory', () => describeServiceBehaviour(wsHarness('memory')));
describe('ws msgpack × redis', () => describeServiceBehaviour(wsHarness('redis', 'chat-service.msgpack')));
