/**
 * @module @chat-service/client
 * Typed chat-service clients for browsers and Node.js: one API over
 * socket.io (`createSocketIOClient`) or plain WebSocket JSON-RPC
 * (`createWsClient`), typed by the command and notification maps of
 * `@chat-service/core/protocol`, whose error texts it shares at runtime
 * (that subpath is plain data and functions, free of Node and of dependencies).
 */

// clients
export { createSocketIOClient } from './socketio-client.js';
export type { SocketIOChatClient, SocketIOClientOptions } from './socketio-client.js';
export { createWsClient } from './ws-client.js';
export type { WsChatClient, WsClientOptions } from './ws-client.js';
export type { WebSocketConstructor, WebSocketLike } from './web-socket.js';

// the shared API
export type {
  ChatClient,
  ChatClientBase,
  ClientEventMap,
  ClientEventName,
  ClientOptions,
  ConnectionState,
  NotificationListener,
} from './client.js';
export type { ReconnectOptions } from './backoff.js';
export type { RoomMessagesLostInfo } from './sequence-ports.js';
export type { CommandMethods } from './command-methods.js';
export type { LoginInfo } from './login.js';

// the WebSocket protocol's frames, for code that speaks it without the client
export { readFrame } from './json-rpc.js';
export type { IncomingFrame } from './json-rpc.js';

// errors
export { ChatServiceClientError, toClientError } from './errors.js';
export type { ClientErrorCode, ClientErrorOptions } from './errors.js';
export { formatErrorText, parseErrorText } from '@chat-service/core/protocol';
export type { ParsedErrorText } from '@chat-service/core/protocol';

// the protocol's types, from core's protocol
export type {
  AuthData,
  CommandArgs,
  CommandMap,
  CommandName,
  CommandResult,
  ErrorCode,
  ErrorObject,
  Message,
  NotificationMap,
  NotificationName,
  ProcessedMessage,
  RoomHistoryInfo,
  RoomMessage,
  TextMessage,
  WireError,
} from '@chat-service/core/protocol';
