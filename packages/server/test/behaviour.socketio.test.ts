/** The behaviour suite over real socket.io clients, on the memory and the Redis store. */
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { describe } from 'vitest';
import { socketioHarness } from './helpers/harness.js';

describe('socket.io × memory', () => describeServiceBehaviour(socketioHarness('memory')));
describe('socket.io × redis', () => describeServiceBehaviour(socketioHarness('redis')));
