/**
 * `ChatServiceClientError`: a refused command or login, with the service's
 * error `code` and `args` recovered from whatever form the server sent.
 *
 * @module
 */
import { type ErrorCode, ERROR_PREFIX, formatErrorText, isRecord, parseErrorText } from '@chat-service/core/protocol';

/** A service error code; deployments' hooks may add their own, hence any string. */
export type ClientErrorCode = ErrorCode | (string & Record<never, never>);

/** Options of {@link ChatServiceClientError}. */
export interface ClientErrorOptions {
  /** The service error code, e.g. `noRoom`. */
  code?: ClientErrorCode | undefined;
  /** The code's arguments, e.g. `['lobby']`. */
  args?: unknown[] | undefined;
  /** The JSON-RPC error code (ws client only), e.g. -32000. */
  rpcCode?: number | undefined;
  /** The error exactly as received. */
  raw?: unknown;
  /** What caused it (a socket error, a closed connection). */
  cause?: unknown;
}

/**
 * An error from the service, or from the connection, as the client sees it.
 * `code` and `args` are set for service errors (`noRoom`, `notAllowed`, ...);
 * they are undefined for connection failures (closed, timed out, refused by
 * socket.io middleware) and for non-service errors sent as plain text.
 *
 * @example
 * ```ts
 * try {
 *   await client.roomJoin('lobby');
 * } catch (error) {
 *   if (ChatServiceClientError.is(error) && error.code === 'noRoom') console.log('no room', error.args);
 * }
 * ```
 */
export class ChatServiceClientError extends Error {
  override readonly name = 'ChatServiceClientError';
  /** The service error code, e.g. `noRoom`; undefined for connection failures. */
  readonly code: ClientErrorCode | undefined;
  /** The code's arguments; from a text error they are recovered as written (see `parseErrorText`). */
  readonly args: unknown[] | undefined;
  /** The JSON-RPC error code (ws client only). */
  readonly rpcCode: number | undefined;
  /** The error exactly as the server sent it (a string or `{ name, code, args }`), if any. */
  readonly raw: unknown;

  /**
   * @param message - the error text, without the `ChatServiceError: ` prefix
   * @param options - code, args and where it came from
   */
  constructor(message: string, options: ClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.args = options.args;
    this.rpcCode = options.rpcCode;
    this.raw = options.raw;
  }

  /** True for a `ChatServiceClientError`, also one from another copy of this package. */
  static is(value: unknown): value is ChatServiceClientError {
    return value instanceof ChatServiceClientError || (value instanceof Error && value.name === 'ChatServiceClientError');
  }
}

interface ObjectSource {
  /** The JSON-RPC code, when the object came in a JSON-RPC error's `data`. */
  rpcCode?: number | undefined;
  /** The server's own text for it (JSON-RPC `message`). */
  text?: string | undefined;
  /** What was received. */
  raw: unknown;
}

function fromObject(value: Record<string, unknown>, source: ObjectSource): ChatServiceClientError | undefined {
  const code = value['code'];
  if (typeof code !== 'string') return undefined;
  const args = Array.isArray(value['args']) ? (value['args'] as unknown[]) : [];
  const { text, rpcCode, raw } = source;
  const message = text?.startsWith(ERROR_PREFIX) ? text.slice(ERROR_PREFIX.length) : formatErrorText(code, args);
  return new ChatServiceClientError(message, { code, args, rpcCode, raw });
}

/**
 * Converts an error as received (a socket.io ack's error, a `loginRejected`
 * param) into a {@link ChatServiceClientError}: the text form
 * `ChatServiceError: No such room x` or the raw object `{ name, code, args }`.
 *
 * @param wire - the received error
 * @returns the client error
 */
export function toClientError(wire: unknown): ChatServiceClientError {
  if (wire instanceof ChatServiceClientError) return wire;
  if (typeof wire === 'string') {
    const { code, args, message } = parseErrorText(wire);
    return new ChatServiceClientError(message, { code, args, raw: wire });
  }
  if (isRecord(wire)) {
    const error = fromObject(wire, { raw: wire });
    if (error) return error;
  }
  if (wire instanceof Error) return new ChatServiceClientError(wire.message, { cause: wire, raw: wire });
  return new ChatServiceClientError(String(wire), { raw: wire });
}

/**
 * Converts a JSON-RPC `error` member: the service error in `data` when there
 * is one (its code and args), else just the JSON-RPC code and message.
 *
 * @param error - the response's `error` member
 * @returns the client error, with `rpcCode` set
 */
export function fromRpcError(error: unknown): ChatServiceClientError {
  if (!isRecord(error)) return new ChatServiceClientError('malformed JSON-RPC error', { raw: error });
  const rpcCode = typeof error['code'] === 'number' ? error['code'] : undefined;
  const text = typeof error['message'] === 'string' ? error['message'] : 'JSON-RPC error';
  const data = error['data'];
  const fromData = isRecord(data) ? fromObject(data, { rpcCode, text, raw: error }) : undefined;
  if (fromData) return fromData;
  const parsed = parseErrorText(text);
  return new ChatServiceClientError(parsed.message, { code: parsed.code, args: parsed.args, rpcCode, raw: error });
}
