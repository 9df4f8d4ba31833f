import type { Logger } from '@chat-service/core';

/** Reports a swallowed failure with its context. */
export type Report = (error: unknown, context: Record<string, unknown>, message: string) => void;

/** A {@link Report} writing to the optional logger; a throwing logger is ignored. */
export function createReport(logger: Logger | undefined): Report {
  return (error, context, message) => {
    try {
      logger?.error(`[transport-socketio] ${message}`, { error, transport: 'socket.io', ...context });
    } catch {
      // A failing logger must not take the transport down.
    }
  };
}

/** Runs `action`, reporting instead of throwing. */
export function guarded(
  report: Report,
  context: Record<string, unknown>,
  action: () => unknown,
  message: string,
): void {
  try {
    action();
  } catch (error) {
    report(error, context, message);
  }
}
