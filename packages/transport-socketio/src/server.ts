import { createServer } from 'node:http';
import { listenOnPortOption } from '@chat-service/core';
import { Server } from 'socket.io';
import type { ServerOptions } from 'socket.io';
import { installAdapter } from './internal/adapter.js';
import { DEFAULT_MAX_HTTP_BUFFER_SIZE, DEFAULT_PORT, HTTP_TIMEOUTS, isOriginAllowed } from './options.js';
import type { SocketIOTransportOptions } from './options.js';

/** The socket.io server of a transport and how to start listening, if the transport owns the HTTP server. */
export interface IoSetup {
  io: Server;
  /** Starts the transport's own HTTP server; `undefined` when the caller supplied `io` or `http`. */
  listen?: () => Promise<void>;
}

/**
 * A socket.io server given as `io` accepts socket.io-client 2 (engine.io 3)
 * clients too, as chat-service 1.0 did on its socket.io 2 server, unless
 * `ioOptions.allowEIO3` is `false`. engine.io reads the flag per handshake.
 */
function acceptEIO3(io: Server, ioOptions: Partial<ServerOptions> | undefined): void {
  if (ioOptions?.allowEIO3 === false) return;
  // Before the server is attached to an HTTP server there is no engine yet, whatever its type says.
  const engine = io.engine as { opts?: { allowEIO3?: boolean } } | undefined;
  if (engine?.opts) engine.opts.allowEIO3 = true;
}

/**
 * Builds the socket.io server from the options: the given `io`; or a new one
 * on the given `http` server; or a new one on an own HTTP server (not
 * listening yet, so no client connects before the host is attached).
 */
export function setUpServer(options: SocketIOTransportOptions): IoSetup {
  if (options.io) {
    acceptEIO3(options.io, options.ioOptions);
    return { io: options.io };
  }
  const ioOptions = serverOptions(options);
  let setup: IoSetup;
  if (options.http) {
    setup = { io: new Server(options.http, ioOptions) };
  } else {
    // The same 404 fallback socket.io's `new Server(port)` installs.
    const http = createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    http.headersTimeout = HTTP_TIMEOUTS.headersTimeout;
    http.requestTimeout = HTTP_TIMEOUTS.requestTimeout;
    const port = options.port ?? DEFAULT_PORT;
    setup = {
      io: new Server(http, ioOptions),
      listen: async () => {
        await listenOnPortOption(http, port, 'transport-socketio');
      },
    };
  }
  if (options.adapterConstructor) installAdapter(setup.io, options.adapterConstructor, options.adapterOptions ?? []);
  return setup;
}

/** `ioOptions` with our defaults: a 256 KiB packet limit and the `allowedOrigins` check before any `allowRequest` given. */
function serverOptions(options: SocketIOTransportOptions): Partial<ServerOptions> {
  const given = options.ioOptions ?? {};
  // socket.io-client 2 (engine.io protocol 3) clients are accepted unless `ioOptions.allowEIO3` is false.
  const result: Partial<ServerOptions> = { maxHttpBufferSize: DEFAULT_MAX_HTTP_BUFFER_SIZE, allowEIO3: true, ...given };
  const allowed = options.allowedOrigins;
  if (allowed === undefined) return result;
  const next = given.allowRequest;
  result.allowRequest = (req, callback) => {
    if (!isOriginAllowed(req.headers.origin, allowed)) {
      callback('origin not allowed', false);
      return;
    }
    if (next) next(req, callback);
    else callback(null, true);
  };
  return result;
}
