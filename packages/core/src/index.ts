/**
 * @module @chat-service/core
 * The protocol-agnostic core of chat-service.
 */

// errors
export { ChatServiceError, ERROR_CODES, JSONRPC_CODES, toWireError, toErrorObject, formatTemplate } from './errors.js';
export type { ErrorCode, ErrorObject } from './errors.js';

// ports
export type * from './ports.js';

// helpers for adapters
export { historyWindow } from './history-window.js';
