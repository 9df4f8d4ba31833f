import type { Server } from 'socket.io';

function notRunning(error: Error): boolean {
  return (error as Error & { code?: unknown }).code === 'ERR_SERVER_NOT_RUNNING';
}

/**
 * Closes a socket.io server and its HTTP server. An HTTP server that was
 * never listening is not a failure; any other close error rejects.
 */
export function closeIo(io: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(
        new Error('[transport-socketio] closing the socket.io server failed', {
          cause: error,
        }),
      );
    };
    const onClosed = (error?: Error): void => {
      if (error && !notRunning(error)) fail(error);
    };
    try {
      // close() calls onClosed before it resolves, so a failure wins over resolve().
      io.close(onClosed).then(() => {
        resolve();
      }, fail);
    } catch (error) {
      fail(error);
    }
  });
}
