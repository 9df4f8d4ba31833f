/**
 * Command-line flags and environment variables of the `chat-service` command.
 *
 * @module
 */
import { parseArgs } from 'node:util';

/** JWT verification settings (`--auth jwt`): exactly one of `secret` / `publicKeyFile` / `jwksUrl`. */
export interface JwtSettings {
  /** HMAC secret (HS256/384/512). */
  secret: string | undefined;
  /** PEM public key file (RS256/384/512, ES256/384). */
  publicKeyFile: string | undefined;
  /** A remote JWKS (an identity provider's key set), fetched and cached. */
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  /** The claim giving the user name. */
  claim: string;
}

/** The settings the command runs with. */
export interface CliSettings {
  port: number;
  host: string | undefined;
  /** 'memory', or a Redis URL. */
  store: string;
  /** Redis Cluster startup nodes (`host:port`). */
  clusterNodes: { host: string; port: number }[];
  /** Key prefix in Redis. */
  prefix: string | undefined;
  transports: ('socket.io' | 'ws')[];
  namespace: string | undefined;
  /** Allowed origins of browser pages using socket.io (CORS). */
  corsOrigins: string[];
  /** Page origins allowed to connect (WebSocket upgrade and socket.io handshake); empty: every origin. */
  allowedOrigins: string[];
  wsPath: string | undefined;
  /** A module exporting `hooks` and/or `options`. */
  config: string | undefined;
  /** 'dev' trusts the `user` query parameter; 'jwt' verifies a token. */
  auth: 'dev' | 'jwt' | 'config';
  /** Set when `auth` is 'jwt'. */
  jwt: JwtSettings | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Rooms created at start unless they exist. */
  rooms: string[];
  /** Service switches. */
  enableRoomsManagement: boolean;
  enableDirectMessages: boolean;
  enableUserlistUpdates: boolean;
  enableAccessListsUpdates: boolean;
  /** Accept socket.io-client 2 (engine.io 3) clients; `--no-socketio-v2` refuses them. */
  socketioV2: boolean;
  /** Serve the development chat page at `/` (default: on with `--auth dev`). */
  web: boolean;
  help: boolean;
}

/** The usage text. */
export const USAGE = `Usage: chat-service [options]

  --port <n>            HTTP port for every transport (env PORT, default 8000)
  --host <addr>         interface to bind (env HOST, default all)
  --store <s>           memory (default) or a Redis URL redis://host:port[/db]
                        (env CHAT_SERVICE_STORE or REDIS_URL)
  --redis-cluster <l>   Redis Cluster nodes host:port,host:port,... (env REDIS_CLUSTER_NODES)
  --prefix <p>          Redis key prefix (default chatservice)
  --transports <l>      socket.io,ws (default both, on one port; env CHAT_SERVICE_TRANSPORTS)
  --namespace <ns>      socket.io namespace (default /chat-service)
  --cors <origins>      browser origins allowed to use socket.io, e.g. https://app.example.com (env CHAT_SERVICE_CORS; * for any)
  --allowed-origins <l> page origins allowed to connect over either transport, e.g. https://app.example.com;
                        others get HTTP 403 (env CHAT_SERVICE_ALLOWED_ORIGINS; default every origin)
  --ws-path <path>      WebSocket (JSON-RPC) path (default /chat-service)
  --config <file>       module exporting { hooks, options } (env CHAT_SERVICE_CONFIG)
  --auth dev            development only: trust the "user" query parameter (env CHAT_SERVICE_AUTH=dev)
  --auth jwt            production: verify a JWT from the "token" query parameter or an
                        "Authorization: Bearer" header (env CHAT_SERVICE_AUTH=jwt), with one of:
  --jwt-secret <s>        HS256/HS384/HS512 secret (env CHAT_SERVICE_JWT_SECRET)
  --jwt-public-key <f>    PEM public key file for RS256/384/512, ES256/384 (env CHAT_SERVICE_JWT_PUBLIC_KEY)
  --jwt-jwks-url <url>    an identity provider's JWKS, cached and refetched on key rotation
                          (env CHAT_SERVICE_JWT_JWKS_URL)
  --jwt-issuer <iss>      required "iss" (env CHAT_SERVICE_JWT_ISSUER)
  --jwt-audience <aud>    required "aud" (env CHAT_SERVICE_JWT_AUDIENCE)
  --jwt-claim <name>      the claim giving the user name (default sub; env CHAT_SERVICE_JWT_CLAIM)
  --rooms <l>           rooms to create at start unless present, e.g. default,lobby
  --rooms-management    let clients create and delete rooms (enableRoomsManagement)
  --direct-messages     enable direct messages (enableDirectMessages)
  --userlist-updates    roomUserJoined / roomUserLeft by default (enableUserlistUpdates)
  --access-lists-updates  list change notifications by default (enableAccessListsUpdates)
  --no-socketio-v2      refuse socket.io-client 2.x clients (accepted by default, as chat-service 1.0 did)
  --web / --no-web      serve a development chat page at / (default: on with --auth dev)
  --log-level <l>       debug | info | warn | error | silent (default info)
  --help                this text

HTTP: GET /healthz (liveness) answers 200 with the instance id while the process serves;
GET /readyz (readiness) answers 200 only while the store answers and the service is not
shutting down, else 503; GET /metrics gives Prometheus metrics.

NODE_DEBUG=ChatService logs at debug level (every failure that is not a ChatServiceError).`;

function nodes(value: string | undefined): { host: string; port: number }[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.lastIndexOf(':');
      const port = Number(entry.slice(i + 1));
      if (i <= 0 || !Number.isInteger(port)) throw new Error(`bad cluster node "${entry}": expected host:port`);
      return { host: entry.slice(0, i), port };
    });
}

function transports(value: string | undefined): ('socket.io' | 'ws')[] {
  const list = (value ?? 'socket.io,ws').split(',').map((s) => s.trim()).filter(Boolean);
  for (const t of list) if (t !== 'socket.io' && t !== 'ws') throw new Error(`unknown transport "${t}": use socket.io and/or ws`);
  if (list.length === 0) throw new Error('no transport given');
  return [...new Set(list)] as ('socket.io' | 'ws')[];
}

type JwtFlags = Partial<Record<'jwt-secret' | 'jwt-public-key' | 'jwt-jwks-url' | 'jwt-issuer' | 'jwt-audience' | 'jwt-claim', string>>;

// An empty flag or variable counts as not given.
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function jwtSettings(values: JwtFlags, env: NodeJS.ProcessEnv): JwtSettings {
  const secret = values['jwt-secret'] ?? env['CHAT_SERVICE_JWT_SECRET'];
  const publicKeyFile = values['jwt-public-key'] ?? env['CHAT_SERVICE_JWT_PUBLIC_KEY'];
  const jwksUrl = values['jwt-jwks-url'] ?? env['CHAT_SERVICE_JWT_JWKS_URL'];
  if ([secret, publicKeyFile, jwksUrl].filter(Boolean).length !== 1) {
    throw new Error('--auth jwt needs exactly one of --jwt-secret <secret> (HS256/384/512), --jwt-public-key <pem file> (RS256/384/512, ES256/384) or --jwt-jwks-url <url>');
  }
  if (jwksUrl && !URL.canParse(jwksUrl)) throw new Error(`--jwt-jwks-url "${jwksUrl}" is not a URL`);
  const claim = values['jwt-claim'] ?? env['CHAT_SERVICE_JWT_CLAIM'] ?? 'sub';
  if (!claim) throw new Error('--jwt-claim is empty');
  return {
    secret: nonEmpty(secret),
    publicKeyFile: nonEmpty(publicKeyFile),
    jwksUrl: nonEmpty(jwksUrl),
    issuer: values['jwt-issuer'] ?? env['CHAT_SERVICE_JWT_ISSUER'],
    audience: values['jwt-audience'] ?? env['CHAT_SERVICE_JWT_AUDIENCE'],
    claim,
  };
}

/** Parses flags, falling back to the environment. @throws {Error} on bad values */
export function parseSettings(argv: string[], env: NodeJS.ProcessEnv): CliSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      'redis-cluster': { type: 'string' },
      prefix: { type: 'string' },
      transports: { type: 'string' },
      namespace: { type: 'string' },
      cors: { type: 'string' },
      'allowed-origins': { type: 'string' },
      'ws-path': { type: 'string' },
      config: { type: 'string' },
      auth: { type: 'string' },
      'jwt-secret': { type: 'string' },
      'jwt-public-key': { type: 'string' },
      'jwt-jwks-url': { type: 'string' },
      'jwt-issuer': { type: 'string' },
      'jwt-audience': { type: 'string' },
      'jwt-claim': { type: 'string' },
      'log-level': { type: 'string' },
      rooms: { type: 'string' },
      'rooms-management': { type: 'boolean' },
      'direct-messages': { type: 'boolean' },
      'userlist-updates': { type: 'boolean' },
      'access-lists-updates': { type: 'boolean' },
      'no-socketio-v2': { type: 'boolean' },
      web: { type: 'boolean' },
      'no-web': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const port = Number(values.port ?? env['PORT'] ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port "${String(values.port ?? env['PORT'])}"`);
  const auth = values.auth ?? env['CHAT_SERVICE_AUTH'] ?? 'config';
  if (auth !== 'dev' && auth !== 'jwt' && auth !== 'config') throw new Error(`unknown auth mode "${auth}": use jwt, dev, or a config module with onConnect`);
  const jwtFlag = Object.keys(values).find((k) => k.startsWith('jwt-'));
  if (jwtFlag && auth !== 'jwt') throw new Error(`--${jwtFlag} needs --auth jwt`);
  const jwt = auth === 'jwt' ? jwtSettings(values, env) : undefined;
  const logLevel = values['log-level'] ?? env['LOG_LEVEL'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new Error(`unknown log level "${logLevel}"`);
  const store = values.store ?? env['CHAT_SERVICE_STORE'] ?? env['REDIS_URL'] ?? 'memory';
  if (store !== 'memory' && !/^rediss?:\/\//.test(store)) throw new Error(`bad store "${store}": use memory or redis://host:port`);
  return {
    port,
    host: values.host ?? env['HOST'],
    store,
    clusterNodes: nodes(values['redis-cluster'] ?? env['REDIS_CLUSTER_NODES']),
    prefix: values.prefix,
    transports: transports(values.transports ?? env['CHAT_SERVICE_TRANSPORTS']),
    namespace: values.namespace,
    corsOrigins: (values.cors ?? env['CHAT_SERVICE_CORS'] ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    allowedOrigins: (values['allowed-origins'] ?? env['CHAT_SERVICE_ALLOWED_ORIGINS'] ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    wsPath: values['ws-path'],
    config: values.config ?? env['CHAT_SERVICE_CONFIG'],
    auth,
    jwt,
    logLevel: logLevel as CliSettings['logLevel'],
    rooms: (values.rooms ?? env['CHAT_SERVICE_ROOMS'] ?? '').split(',').map((r) => r.trim()).filter(Boolean),
    enableRoomsManagement: values['rooms-management'] ?? false,
    enableDirectMessages: values['direct-messages'] ?? false,
    enableUserlistUpdates: values['userlist-updates'] ?? false,
    enableAccessListsUpdates: values['access-lists-updates'] ?? false,
    socketioV2: !values['no-socketio-v2'],
    web: values['no-web'] ? false : (values.web ?? auth === 'dev'),
    help: values.help ?? false,
  };
}
