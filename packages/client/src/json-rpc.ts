/**
 * The JSON-RPC 2.0 frames of the chat-service WebSocket protocol
 * (PROTOCOL-WS.md), as the client reads them.
 *
 * @module
 */
import { isRecord } from '@chat-service/core/protocol';

/**
 * One incoming JSON-RPC message of the chat-service WebSocket protocol,
 * sorted: a server notification, a command's results, an error response
 * (`id` null when the server could not read the request's id), or anything
 * else (`ignored`).
 */
export type IncomingFrame =
  | { kind: 'notification'; method: string; params: unknown[] }
  | { kind: 'response'; id: number; results: unknown[] }
  | { kind: 'error'; id: number | null; error: unknown }
  | { kind: 'ignored' };

/**
 * Sorts one decoded JSON-RPC message (a JSON text frame parsed, or a
 * MessagePack frame decoded): what the client would do with it. The protocol's
 * non-standard `results` member (hooks' extra values) wins over `result`.
 *
 * @param frame - one decoded message (not a batch array)
 * @returns the sorted message
 */
export function readFrame(frame: unknown): IncomingFrame {
  if (!isRecord(frame)) return { kind: 'ignored' };
  const { id, method } = frame;
  if (typeof method === 'string' && id === undefined) {
    return { kind: 'notification', method, params: Array.isArray(frame['params']) ? (frame['params'] as unknown[]) : [] };
  }
  if (frame['error'] !== undefined) return { kind: 'error', id: typeof id === 'number' ? id : null, error: frame['error'] };
  if (typeof id !== 'number') return { kind: 'ignored' };
  const results = Array.isArray(frame['results']) ? (frame['results'] as unknown[]) : [frame['result'] ?? null];
  return { kind: 'response', id, results };
}

/**
 * Parses one text frame into its messages (one, or several for a batch
 * answer); anything that is not JSON-RPC is `ignored`.
 *
 * @param text - the frame's text
 * @returns the sorted frames
 */
export function parseFrames(text: string): IncomingFrame[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return [{ kind: 'ignored' }];
  }
  return Array.isArray(value) ? value.map(readFrame) : [readFrame(value)];
}

/**
 * A request frame.
 *
 * @param id - the request id
 * @param method - the command
 * @param params - its positional arguments
 * @returns the JSON text
 */
export function requestFrame(id: number, method: string, params: readonly unknown[]): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}
