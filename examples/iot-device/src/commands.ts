/**
 * The commands a device obeys, sent to it as direct messages:
 * `set-interval <ms>`, `pause`, `resume`, `status`, `ping`.
 *
 * @module
 */

/** The smallest publishing interval a command may set, in ms. */
export const MIN_INTERVAL_MS = 50;

/** A parsed command. */
export type DeviceCommand =
  | { kind: 'set-interval'; ms: number }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'status' }
  | { kind: 'ping' }
  | { kind: 'invalid'; reason: string };

/** Parses the text of a direct message into a command. */
export function parseCommand(text: string): DeviceCommand {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  switch (word) {
    case 'set-interval': {
      const ms = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(ms) || ms < MIN_INTERVAL_MS) {
        return { kind: 'invalid', reason: `set-interval needs an integer number of ms >= ${String(MIN_INTERVAL_MS)}` };
      }
      return { kind: 'set-interval', ms };
    }
    case 'pause':
    case 'resume':
    case 'status':
    case 'ping':
      return rest.length === 0 ? { kind: word } : { kind: 'invalid', reason: `${word} takes no argument` };
    default:
      return { kind: 'invalid', reason: `unknown command "${word}"` };
  }
}
