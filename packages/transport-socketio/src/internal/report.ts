import type { SocketIOTransportLogger } from '../options.js';

/** Reports a swallowed failure with its context. */
export type Report = (error: unknown, context: Record<string, unknown>, message: string) => void;

/** A {@link Report} writing to the optional logger; a throwing logger is ignored. */
export function createReport(logger: SocketIOTransportLogger | undefined): Report {
  return (error, context, message) => {
    try {
      logger?.error({ err: error, transport: 'socket.io', ...context }, `[transport-socketio] ${message}`);
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
