/**
 * The behaviour suite over real socket.io-client 2.x clients (what chat-service
 * 1.0 apps ship), accepted by default: over websocket and over HTTP
 * long-polling, on the memory store, and over websocket on Redis.
 */
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { describe } from 'vitest';
import { socketioV2Harness } from './helpers/harness.js';

describe('socket.io-client 2 websocket × memory', () => {
  describeServiceBehaviour(socketioV2Harness('memory', 'websocket'));
});
describe('socket.io-client 2 polling × memory', () => {
  describeServiceBehaviour(socketioV2Harness('memory', 'polling'));
});
describe('socket.io-client 2 websocket × redis', () => {
  describeServiceBehaviour(socketioV2Harness('redis', 'websocket'));
});
