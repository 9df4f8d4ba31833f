import { JSONRPC_CODES } from '@chat-service/core';
import type { CommandReply } from '@chat-service/core';
import { decodeFrame, encodeFrame } from './codec.js';
import type { Frame } from './codec.js';
import type { WsConnection } from './connection.js';
import {
  commandError,
  errorResponse,
  invalidRequestResponse,
  methodNotFound,
  parseEntry,
  parseErrorResponse,
  resultResponse,
} from './framing.js';
import type { RpcCall, RpcResponse } from './framing.js';

/**
 * Serves one incoming frame: decodes it, runs its call(s) and sends the
 * response(s). Never throws; every failure becomes a JSON-RPC error and the
 * connection stays open. Returns a promise only while a call runs.
 */
export function handleFrame(connection: WsConnection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> | undefined {
  let payload: unknown;
  try {
    payload = decodeFrame(connection.encoding, data, isBinary);
  } catch (error) {
    reply(connection, parseErrorResponse(error instanceof Error ? error.message : 'invalid frame'));
    return undefined;
  }
  if (!Array.isArray(payload)) return respondOne(connection, payload, sendResponse);
  return respondBatch(connection, payload).then((response) => {
    if (response !== null) reply(connection, response);
  });
}

/** What is done with the response to one request object (`null`: a notification, not answered). */
type Respond = (connection: WsConnection, response: RpcResponse | null) => void;

function sendResponse(connection: WsConnection, response: RpcResponse | null): void {
  if (response !== null) reply(connection, response);
}

// Batch entries run one after the other, in order, so a batch like
// [roomJoin, roomMessage] means what it says.
async function respondBatch(connection: WsConnection, entries: readonly unknown[]): Promise<RpcResponse | RpcResponse[] | null> {
  if (entries.length === 0) return invalidRequestResponse(null, 'empty batch');
  const responses: RpcResponse[] = [];
  const collect: Respond = (_connection, response) => {
    if (response !== null) responses.push(response);
  };
  for (const entry of entries) await respondOne(connection, entry, collect);
  return responses.length > 0 ? responses : null;
}

/**
 * Runs one request object and hands its response to `respond`: at once when
 * it is malformed (returning undefined), else once its command answered (the
 * promise). A callback rather than a promise of the response, so that a
 * frame's one call costs one promise, not two.
 */
function respondOne(connection: WsConnection, entry: unknown, respond: Respond): Promise<void> | undefined {
  const parsed = parseEntry(entry);
  if (!parsed.ok) {
    respond(connection, parsed.response);
    return undefined;
  }
  const { call } = parsed;
  connection.inFlight++;
  return connection.hub.host.command(connection.id, call.method, call.params).then((commandReply) => {
    connection.inFlight--;
    respond(connection, responseTo(call, commandReply));
  });
}

function responseTo(call: RpcCall, reply: CommandReply): RpcResponse | null {
  if (call.id === undefined) return null;
  switch (reply.kind) {
    case 'result':
      return resultResponse(call.id, reply.results);
    case 'error':
      return errorResponse(call.id, commandError(reply.error));
    case 'dropped':
      return errorResponse(call.id, methodNotFound(call.method, reply.loggedIn));
  }
}

const ENCODE_FAILED = { code: JSONRPC_CODES.internalError, message: 'Internal error: the result could not be encoded' };

function safeEntry(connection: WsConnection, response: RpcResponse): RpcResponse {
  try {
    encodeFrame(connection.encoding, response);
    return response;
  } catch {
    return errorResponse(response.id, ENCODE_FAILED);
  }
}

function reply(connection: WsConnection, response: RpcResponse | RpcResponse[]): void {
  const { encoding } = connection;
  let frame: Frame;
  try {
    frame = encodeFrame(encoding, response);
  } catch (error) {
    // A result with a cycle or a BigInt: answer that entry with -32603, keep the others.
    connection.hub.logger.warn('[transport-ws] a response could not be encoded', { socketId: connection.id, error });
    frame = encodeFrame(encoding, Array.isArray(response) ? response.map((r) => safeEntry(connection, r)) : safeEntry(connection, response));
  }
  connection.sendFrame(frame);
  // The reply ends what its command sent: write it all now.
  if (connection.inFlight === 0) connection.flush();
}
