/**
 * Starts the command-line server: HTTP (with /healthz), the transports on one
 * port, the store, the hooks; and stops it cleanly on SIGINT / SIGTERM.
 *
 * @module
 */
import { createServer } from 'node:http';
import { WS_DEFAULTS, applyHttpTimeouts, plainHttpAnswer } from '@chat-service/transport-ws';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { listen } from '@chat-service/core';
import type { Hooks } from '@chat-service/core';
import { ChatService } from '../chat-service.js';
import type { ChatServiceOptions } from '../chat-service.js';
import type { CliSettings } from './args.js';
import { createJwtAuth, devAuth } from './auth.js';
import { logConnections } from './connection-log.js';
import type { ServerLogger } from './logger.js';
import { loadConfig } from './config.js';
import { createWebChat } from './web-chat.js';
import type { WebChat } from './web-chat.js';
import { createPrometheusMetrics } from '../metrics.js';
import type { PrometheusMetrics } from '../metrics.js';
import { createReadiness } from '../observability/readiness.js';
import type { Readiness } from '../observability/readiness.js';

/** A running command-line server. */
export interface RunningServer {
  service: ChatService;
  http: HttpServer;
  port: number;
  /** Reports not ready from now on, closes the service, then stops the HTTP server from listening. */
  stop(): Promise<void>;
}

/** What the HTTP endpoints serve; filled in once the service exists. */
interface Endpoints {
  service?: ChatService;
  metrics?: PrometheusMetrics;
  readiness?: Readiness;
  /** The development chat page, when enabled. */
  web?: WebChat;
  /** Plain HTTP on the WebSocket endpoint (426), when the ws transport runs. */
  wsAnswer?: (req: IncomingMessage, res: ServerResponse) => void;
}

function httpHandler(endpoints: Endpoints) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // socket.io serves its own path before this handler; everything else lands here.
    const { service, metrics, web, wsAnswer } = endpoints;
    if (web?.handle(req, res)) return;
    if (req.method === 'GET' && req.url === '/metrics' && metrics) {
      metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      return;
    }
    if (req.method === 'GET' && (req.url === '/readyz' || req.url?.startsWith('/readyz?'))) {
      const probe = endpoints.readiness?.check() ?? Promise.resolve({ ready: false, reason: 'starting' });
      void probe.then((report) => {
        res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: report.ready ? 'ready' : 'not ready', ...(report.reason ? { reason: report.reason } : {}), instanceUID: service?.instanceUID }));
      });
      return;
    }
    if (req.method === 'GET' && (req.url === '/healthz' || req.url?.startsWith('/healthz?'))) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', instanceUID: service?.instanceUID }));
      return;
    }
    if (wsAnswer) {
      wsAnswer(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
  };
}

function storeOptions(settings: CliSettings): Pick<ChatServiceOptions, 'state' | 'stateOptions'> {
  if (settings.clusterNodes.length > 0) {
    return { state: 'redis', stateOptions: { clusterNodes: settings.clusterNodes, ...(settings.prefix ? { prefix: settings.prefix } : {}) } };
  }
  if (settings.store === 'memory') return { state: 'memory' };
  return { state: 'redis', stateOptions: { url: settings.store, ...(settings.prefix ? { prefix: settings.prefix } : {}) } };
}

/** Builds and starts the server. */
export async function runServer(settings: CliSettings, logger: ServerLogger): Promise<RunningServer> {
  const config = await loadConfig(settings.config);
  const hooks: Hooks<ChatService> = { ...(config.hooks as Hooks<ChatService> | undefined) };
  if (hooks.onConnect) {
    if (settings.auth !== 'config') logger.warn(`--auth ${settings.auth} is ignored: the config module's onConnect hook authenticates`);
  } else if (settings.auth === 'jwt' && settings.jwt) {
    hooks.onConnect = createJwtAuth(settings.jwt, logger);
    const j = settings.jwt;
    logger.info('jwt auth', { key: j.secret !== undefined ? 'secret' : j.jwksUrl !== undefined ? 'jwks' : 'public key', jwksUrl: j.jwksUrl, claim: j.claim, issuer: j.issuer, audience: j.audience });
    if (j.secret !== undefined && Buffer.byteLength(j.secret) < 32) logger.warn('jwt auth: the HMAC secret is shorter than 32 bytes; use a long random secret in production');
  } else if (settings.auth === 'dev') {
    hooks.onConnect = devAuth;
    logger.warn('DEVELOPMENT AUTH: any client may log in as any user with ?user=<name>. Never use this in production; use --auth jwt, or a config module with an onConnect hook.');
  } else {
    logger.warn('no onConnect hook: every login is rejected (noLogin). Use --auth jwt, --config with hooks.onConnect, or --auth dev for development.');
  }
  const ref: Endpoints = {};
  if (settings.web) {
    const web = createWebChat({ namespace: settings.namespace ?? '/chat-service', rooms: settings.rooms, roomsManagement: settings.enableRoomsManagement, directMessages: settings.enableDirectMessages });
    if ('missing' in web) logger.warn(`the development chat page is off: ${web.missing}`);
    else ref.web = web;
  }
  // The ws transport's answer: 426 on its path, 404 elsewhere.
  if (settings.transports.includes('ws')) ref.wsAnswer = plainHttpAnswer(settings.wsPath ?? WS_DEFAULTS.path);
  const http = applyHttpTimeouts(createServer(httpHandler(ref)));
  const switches: ChatServiceOptions = {};
  if (settings.enableRoomsManagement) switches.enableRoomsManagement = true;
  if (settings.enableDirectMessages) switches.enableDirectMessages = true;
  if (settings.enableUserlistUpdates) switches.enableUserlistUpdates = true;
  if (settings.enableAccessListsUpdates) switches.enableAccessListsUpdates = true;
  const options: ChatServiceOptions = {
    ...config.options,
    ...switches,
    ...storeOptions(settings),
    port: settings.port,
    logger,
    transport: settings.transports,
    ...(settings.allowedOrigins.length > 0 ? { allowedOrigins: settings.allowedOrigins } : {}),
    transportOptions: {
      ...config.options?.transportOptions,
      http,
      ...(settings.namespace ? { namespace: settings.namespace } : {}),
      ...(settings.corsOrigins.length > 0 ? { ioOptions: { cors: { origin: settings.corsOrigins.includes('*') ? true : settings.corsOrigins } } } : {}),
      ws: { ...(settings.wsPath ? { path: settings.wsPath } : {}) },
    },
  };
  if (!settings.socketioV2) {
    const ioOptions = { ...(options.transportOptions?.['ioOptions'] as Record<string, unknown> | undefined), allowEIO3: false };
    options.transportOptions = { ...options.transportOptions, ioOptions };
  }
  const service = new ChatService(options, hooks);
  ref.service = service;
  logConnections(service, logger);
  ref.metrics = createPrometheusMetrics(service);
  await service.whenReady();
  ref.readiness = createReadiness(service);
  for (const room of settings.rooms) {
    if (!(await service.hasRoom(room))) await service.addRoom(room);
  }
  const port = await listen(http, settings.port, settings.host);
  logger.info('chat-service listening', { port, transports: settings.transports, store: settings.clusterNodes.length ? 'redis-cluster' : settings.store.replace(/\/\/[^@]*@/, '//***@'), instanceUID: service.instanceUID });
  return {
    service,
    http,
    port,
    async stop() {
      ref.readiness?.markClosing();
      await service.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => { resolve(); }));
    },
  };
}
