/**
 * The JSON-RPC 2.0 frames of the chat-service WebSocket protocol
 * (PROTOCOL-WS.md), as the client reads them.
 *
 * @module
 */
import { isRecord } from '@chat-service/core/protocol';

/** One incoming frame, sorted. */
export type IncomingFrame =
  | { kind: 'notification'; method: string; params: unknown[] }
  | { kind: 'response'; id: number; results: unknown[] }
  | { kind: 'error'; id: number | null; error: unknown }
  | { kind: 'ignored' };

function sortFrame(frame: unknown): IncomingFrame {
  if (!isRecord(frame)) return { kind: 'ignored' };
  const { id, method } = frame;
  if (typeof method === 'string' && id === undefined) {
    return { kind: 'notification', method, params: Array.isArray(frame['params']) ? (frame['params'] as unknown[]) : [] };
  }
  if (frame['error'] !== undefined) return { kind: 'error', id: typeof id === 'number' ? id : null, error: frame['error'] };
  if (typeof id !== 'number') return { kind: 'ignored' };
  // The protocol's `results` carries hooks' extra values; otherwise the one `result`.
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
  return Array.isArray(value) ? value.map(sortFrame) : [sortFrame(value)];
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
