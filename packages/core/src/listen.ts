/**
 * Starting an HTTP server, shared by the transports and the server package.
 * Typed structurally, so the core needs no Node types: a `node:http` or
 * `node:https` server fits.
 *
 * @module
 */

/** What {@link listen} needs of a server. */
export interface ListeningServer {
  /** Starts listening; calls `callback` once bound. */
  listen(port: number, host: string | undefined, callback: () => void): unknown;
  /** Registers a one-time `error` listener (a failed bind). */
  once(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes an `error` listener. */
  off(event: 'error', listener: (error: Error) => void): unknown;
  /** The bound address; once listening, an object with a numeric `port` (as `node:net` gives). */
  address(): unknown;
}

/**
 * Starts a server listening and resolves with the bound port (the one picked
 * for port `0`).
 *
 * @param server - a `node:http` server, not listening yet
 * @param port - the port, `0` for any free one
 * @param host - the interface, all of them when `undefined`
 * @returns the bound port
 * @throws the server's `error` (e.g. `EADDRINUSE`) as a rejection
 */
export function listen(server: ListeningServer, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? (address as { port?: unknown }).port : undefined;
      resolve(typeof bound === 'number' ? bound : port);
    });
  });
}

/**
 * {@link listen} for a package's `port` option: a failed bind rejects with an
 * Error that names the package and tells to change the option, the server's
 * own error as its `cause`.
 *
 * @param server - a `node:http` server, not listening yet
 * @param port - the `port` option
 * @param owner - the package, as its log lines name it (e.g. `transport-socketio`)
 * @returns the bound port
 */
export async function listenOnPortOption(server: ListeningServer, port: number, owner: string): Promise<number> {
  try {
    return await listen(server, port);
  } catch (error) {
    throw new Error(`[${owner}] cannot listen on port ${port}; change the port option`, { cause: error });
  }
}
