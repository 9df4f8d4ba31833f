/**
 * Runs a synchronous store operation as a promise: a throw becomes a
 * rejection, because ports reject and never throw.
 *
 * @param operation - the operation
 * @returns its result, settled
 */
export function settle<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
