/**
 * @module @chat-service/transport-socketio
 * The reference protocol over socket.io 4.
 */
export { createSocketIOTransport } from './transport.js';
export type { SocketIOTransport } from './transport.js';
export { DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_HTTP_BUFFER_SIZE, DEFAULT_NAMESPACE, DEFAULT_PORT, HTTP_TIMEOUTS } from './options.js';
export type {
  AdapterOption,
  SocketIOMiddleware,
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated name stays exported for existing imports.
  SocketIOTransportLogger,
  SocketIOTransportOptions,
} from './options.js';
