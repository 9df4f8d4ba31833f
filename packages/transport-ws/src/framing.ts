import { ChatServiceError, JSONRPC_CODES, isRecord, toErrorObject } from '@chat-service/core';

/** A JSON-RPC request id. */
export type RpcId = string | number | null;

/** A well-formed call: a request when `id` is given (even `null`), a notification when it is `undefined`. */
export interface RpcCall {
  id: RpcId | undefined;
  method: string;
  params: unknown[];
}

/** The `error` member of a JSON-RPC response. */
export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * A JSON-RPC response. `results` is this protocol's one non-standard member:
 * present only when a command produced more than one result (hooks may add
 * values), it holds all of them, `results[0]` being `result`.
 */
export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: unknown; results?: unknown[] }
  | { jsonrpc: '2.0'; id: RpcId; error: RpcError };

/** A server notification. */
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params: readonly unknown[];
}

/** The outcome of checking one request object. */
export type ParsedEntry = { ok: true; call: RpcCall } | { ok: false; response: RpcResponse | null };

function isId(value: unknown): value is RpcId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** A response carrying an error. */
export function errorResponse(id: RpcId, error: RpcError): RpcResponse {
  return { jsonrpc: '2.0', id, error };
}

/** A response carrying results: `result` is the first (or `null`), see {@link RpcResponse} for `results`. */
export function resultResponse(id: RpcId, results: readonly unknown[]): RpcResponse {
  const result = results[0] ?? null;
  if (results.length > 1) return { jsonrpc: '2.0', id, result, results: results.map((r) => r ?? null) };
  return { jsonrpc: '2.0', id, result };
}

/** A server notification of `event` with positional `args`. */
export function notification(event: string, args: readonly unknown[]): RpcNotification {
  return { jsonrpc: '2.0', method: event, params: args };
}

/** The -32700 response to a frame that does not parse. */
export function parseErrorResponse(detail: string): RpcResponse {
  return errorResponse(null, { code: JSONRPC_CODES.parseError, message: `Parse error: ${detail}` });
}

/** The -32600 response to an empty batch or a malformed request object. */
export function invalidRequestResponse(id: RpcId, detail: string): RpcResponse {
  return errorResponse(id, { code: JSONRPC_CODES.invalidRequest, message: `Invalid Request: ${detail}` });
}

/**
 * Checks one request object. Params must be an array (positional, as on
 * socket.io) or absent; by-name params get -32602 (unless the call is a
 * notification, which is never answered).
 */
export function parseEntry(value: unknown): ParsedEntry {
  if (!isRecord(value)) return { ok: false, response: invalidRequestResponse(null, 'expected an object') };
  const hasId = Object.prototype.hasOwnProperty.call(value, 'id');
  const id = value['id'];
  if (hasId && !isId(id)) return { ok: false, response: invalidRequestResponse(null, '"id" must be a string, a number or null') };
  const replyId = hasId && isId(id) ? id : null;
  if (value['jsonrpc'] !== '2.0') return { ok: false, response: invalidRequestResponse(replyId, '"jsonrpc" must be "2.0"') };
  const method = value['method'];
  if (typeof method !== 'string') return { ok: false, response: invalidRequestResponse(replyId, '"method" must be a string') };
  const params = value['params'];
  if (params !== undefined && !isRecord(params) && !Array.isArray(params)) {
    return { ok: false, response: invalidRequestResponse(replyId, '"params" must be an array') };
  }
  if (isRecord(params)) {
    const response = errorResponse(replyId, {
      code: JSONRPC_CODES.invalidParams,
      message: 'Invalid params: by-name params are not supported, send positional params as an array',
    });
    return { ok: false, response: hasId ? response : null };
  }
  // Every field in the literal: adding `id` afterwards would give the object a second shape and a property array.
  const call: RpcCall = { id: hasId && isId(id) ? id : undefined, method, params: Array.isArray(params) ? (params as unknown[]) : [] };
  return { ok: true, call };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'Error';
  }
}

function codeOf(error: unknown): number {
  if (!ChatServiceError.is(error)) return JSONRPC_CODES.internalError;
  switch (error.code) {
    case 'wrongArgumentsCount':
    case 'badArgument':
      return JSONRPC_CODES.invalidParams;
    case 'noCommand':
      return JSONRPC_CODES.methodNotFound;
    default:
      return JSONRPC_CODES.serviceError;
  }
}

/**
 * The `error` member for a command's error: `message` is `String(error)`
 * (what a socket.io client sees by default), `data` the raw error object
 * `{name, code, args}` (what it sees with `useRawErrorObjects`).
 */
export function commandError(error: unknown): RpcError {
  return { code: codeOf(error), message: safeString(error), data: toErrorObject(error) };
}

/** The -32601 error for a method the core does not know, or for any method before loginConfirmed. */
export function methodNotFound(method: string, loggedIn: boolean): RpcError {
  if (!loggedIn) {
    return {
      code: JSONRPC_CODES.methodNotFound,
      message: 'Method not available: not logged in (wait for loginConfirmed)',
      data: { name: 'ChatServiceError', code: 'noLogin', args: [] },
    };
  }
  return { code: JSONRPC_CODES.methodNotFound, message: 'Method not found', data: toErrorObject(new ChatServiceError('noCommand', method)) };
}
