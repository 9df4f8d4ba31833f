/**
 * @module @chat-service/transport-ws
 * The chat-service commands over plain WebSocket (`ws`), framed as JSON-RPC 2.0,
 * for IoT devices and clients in any language. The wire protocol is described
 * in PROTOCOL-WS.md at the repository root.
 */

// transport
export { createWsTransport } from './transport.js';
export type { WsTransport } from './types.js';

// options and protocol constants
export { WS_CLOSE_CODES, WS_DEFAULTS } from './options.js';
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated name stays exported for existing imports.
export type { WsTransportLogger, WsTransportOptions } from './options.js';
export { SUBPROTOCOLS, toBuffers } from './codec.js';
export { HTTP_TIMEOUTS, applyHttpTimeouts, plainHttpAnswer } from './http.js';
export type { Encoding } from './codec.js';
export type { RpcError, RpcId, RpcNotification, RpcResponse } from './framing.js';
