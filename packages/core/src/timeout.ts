/**
 * A promise bounded in time.
 *
 * @module
 */

/**
 * Settles like `promise`, or rejects with `timeoutError()` when it has not
 * settled within `ms`.
 *
 * @param promise - the work to bound
 * @param ms - the bound, in ms
 * @param timeoutError - the rejection when the bound is reached
 * @returns the bounded promise
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(timeoutError());
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
