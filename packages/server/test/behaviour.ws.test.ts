/**
 * The behaviour suite over real JSON-RPC WebSocket clients with MessagePack
 * frames through the `ChatService` class, on the Redis store (the JSON ×
 * memory run lives in packages/transport-ws/test/behaviour.test.ts).
 */
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { describe } from 'vitest';
import { wsHarness } from './helpers/harness.js';

describe('ws msgpack × redis', () => {
  describeServiceBehaviour(wsHarness('redis', 'chat-service.msgpack'));
});
