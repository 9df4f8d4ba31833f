/**
 * The few host globals the core uses, available alike in browsers, Node.js,
 * Deno and Bun. The core compiles against these (its tsconfig has no Node or
 * DOM types), which keeps it free of Node-only APIs.
 */
declare global {
  /** An opaque timer handle. */
  interface PlatformTimer {
    /** Node.js only; absent in browsers, so always called as `timer.unref?.()`. */
    unref?(): unknown;
  }
  function setTimeout(callback: () => void, ms?: number): PlatformTimer;
  function clearTimeout(timer: PlatformTimer | undefined): void;
  function setInterval(callback: () => void, ms?: number): PlatformTimer;
  function clearInterval(timer: PlatformTimer | undefined): void;
  function btoa(data: string): string;
  var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
}

export {};
