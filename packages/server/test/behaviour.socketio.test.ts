/**
 * The behaviour suite over real socket.io clients through the `ChatService`
 * class, on the Redis store (the memory-store run lives in
 * packages/transport-socketio/test/behaviour.test.ts).
 */
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { describe } from 'vitest';
import { socketioHarness } from './helpers/harness.js';

describe('socket.io × redis', () => {
  describeServiceBehaviour(socketioHarness('redis'));
});
