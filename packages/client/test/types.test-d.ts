/**
 * Type tests of the client API: commands, results and notifications typed by
 * core's maps, and wrong calls failing to compile. Checked by `tsc` (typecheck).
 */
import { io } from 'socket.io-client';
import { expectTypeOf } from 'vitest';
import WebSocket from 'ws';
import { createSocketIOClient, createWsClient } from '../src/index.js';
import type {
  ChatClient,
  ClientErrorCode,
  ConnectionState,
  LoginInfo,
  ProcessedMessage,
  RoomHistoryInfo,
  RoomMessage,
  RoomMessagesLostInfo,
} from '../src/index.js';

declare const client: ChatClient;

expectTypeOf(client.roomJoin('x')).toEqualTypeOf<Promise<number>>();
expectTypeOf(client.command('roomJoin', 'x')).toEqualTypeOf<Promise<number>>();
expectTypeOf(client.roomMessage('x', { textMessage: 'hi' })).toEqualTypeOf<Promise<number>>();
expectTypeOf(client.roomHistoryGet('x', 0, 10)).toEqualTypeOf<Promise<RoomMessage[]>>();
expectTypeOf(client.roomRecentHistory('x')).toEqualTypeOf<Promise<RoomMessage[]>>();
expectTypeOf(client.roomHistoryInfo('x')).toEqualTypeOf<Promise<RoomHistoryInfo>>();
expectTypeOf(client.listOwnSockets()).toEqualTypeOf<Promise<Record<string, string[]>>>();
expectTypeOf(client.roomGetOwner('x')).toEqualTypeOf<Promise<string | null>>();
expectTypeOf(client.directMessage('bob', { textMessage: 'hi' })).toEqualTypeOf<Promise<ProcessedMessage>>();
expectTypeOf(client.roomCreate('x', false)).toEqualTypeOf<Promise<null>>();
expectTypeOf(client.commandWithExtras('roomJoin', 'x')).toEqualTypeOf<Promise<unknown[]>>();
expectTypeOf(client.login()).toEqualTypeOf<Promise<LoginInfo>>();

// @ts-expect-error a room name is a string
void client.roomJoin(1);
// @ts-expect-error roomJoin takes exactly one argument
void client.roomJoin('x', 'y');
// @ts-expect-error roomHistoryGet needs id and limit
void client.roomHistoryGet('x');
// @ts-expect-error a message is an object, not a string
void client.roomMessage('x', 'hello');
// @ts-expect-error no such list
void client.roomAddToList('x', 'userlist', ['bob']);
// @ts-expect-error no such command
void client.command('roomJoined', 'x');

client.on('roomMessage', (room, message) => {
  expectTypeOf(room).toEqualTypeOf<string>();
  expectTypeOf(message).toEqualTypeOf<RoomMessage>();
  expectTypeOf(message.id).toEqualTypeOf<number>();
});
client.on('loginConfirmed', (userName, authData) => {
  expectTypeOf(userName).toEqualTypeOf<string>();
  expectTypeOf(authData.id).toEqualTypeOf<string>();
});
client.on('roomModeChanged', (_room, mode) => {
  expectTypeOf(mode).toEqualTypeOf<boolean>();
});
// @ts-expect-error roomUserJoined gives strings
client.on('roomUserJoined', (_room: string, _user: number) => undefined);
// @ts-expect-error no such notification
client.on('roomMessages', () => undefined);

expectTypeOf<'noRoom'>().toExtend<ClientErrorCode>();
expectTypeOf<'aDeploymentsOwnCode'>().toExtend<ClientErrorCode>();

// Both factories take what their users already have: a socket.io socket, ws's WebSocket.
expectTypeOf(createSocketIOClient(io('http://localhost:8000/chat-service'))).toExtend<ChatClient>();
expectTypeOf(createWsClient('ws://localhost:8000/chat-service', { WebSocket })).toExtend<ChatClient>();
expectTypeOf(createWsClient(new WebSocket('ws://localhost:8000/chat-service'))).toExtend<ChatClient>();

// Reconnection and resumption: the connection state and the client's own events.
expectTypeOf(client.connectionState).toEqualTypeOf<ConnectionState>();
expectTypeOf<ConnectionState>().toEqualTypeOf<'connecting' | 'connected' | 'reconnecting' | 'closed'>();
expectTypeOf(client.on('connectionState', (state) => expectTypeOf(state).toEqualTypeOf<ConnectionState>())).toEqualTypeOf<() => void>();
client.on('roomMessagesLost', (room, info) => {
  expectTypeOf(room).toEqualTypeOf<string>();
  expectTypeOf(info).toEqualTypeOf<RoomMessagesLostInfo>();
  expectTypeOf(info.reason).toEqualTypeOf<'trimmed' | 'reset'>();
  expectTypeOf(info.lastDeliveredId).toEqualTypeOf<number>();
});
expectTypeOf(createWsClient('ws://localhost:8000/chat-service', { WebSocket, reconnect: { initialDelayMs: 100, maxDelayMs: 1000 } })).toExtend<ChatClient>();
expectTypeOf(createWsClient('ws://localhost:8000/chat-service', { WebSocket, reconnect: false })).toExtend<ChatClient>();
