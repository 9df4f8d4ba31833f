/**
 * ExecInfo: what command hooks receive.
 *
 * @module
 */

/** The object passed to `<command>Before` / `<command>After` hooks. */
export interface ExecInfo {
  /** The service instance. */
  server: unknown;
  /** The socket's user, or the context user of a server call (undefined when anonymous). */
  userName: string | undefined;
  /** The socket id, or `context.id` / null for server calls. */
  id: string | null;
  /** True for `execUserCommand` calls. */
  isLocalCall: boolean;
  /** Server calls only: skip permission checks. */
  bypassPermissions: boolean | null;
  /** Server calls only: skip hooks. */
  bypassHooks: boolean;
  /** The declared-arity arguments (a before hook may replace the array). */
  args: unknown[];
  /** Extra trailing arguments. */
  restArgs: unknown[];
  /** `[value]` after success. */
  results: unknown[] | null;
  /** The error after a failure. */
  error: unknown;
  /** Scratch space shared by the before and after hooks. */
  data: Record<string, unknown>;
  /** Extra context fields are copied here. */
  [extra: string]: unknown;
}
