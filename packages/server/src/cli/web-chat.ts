/**
 * The development chat page served by the command-line server in development
 * mode (`--auth dev` or `--web`): the static files of `examples/web-chat`,
 * the browser bundle of `@chat-service/client`, and `/config.json`, which
 * tells the page what the command was started with. socket.io serves its own
 * client at `/socket.io/socket.io.esm.min.js`.
 *
 * Files are read on each request, so an edit to the page shows on reload.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** What the page learns from `/config.json`. */
export interface WebChatConfig {
  /** The socket.io namespace of the service. */
  namespace: string;
  /** The rooms the command was started with (`--rooms`). */
  rooms: string[];
  /** Whether clients may create and delete rooms (`--rooms-management`). */
  roomsManagement: boolean;
  /** Whether direct messages are enabled (`--direct-messages`). */
  directMessages: boolean;
}

/** Serves the page; `handle` answers true when the request was one of its own. */
export interface WebChat {
  /** Answers a GET for one of the page's paths and returns true; returns false, leaving `res` untouched, for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * What the page needs and nothing more: its own scripts, styles and icon, and
 * connections back to this server (`'self'` covers ws:// of the same host).
 */
export const WEB_CHAT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  map: 'application/json',
};

/** `/name.ext` of a file of the page (no directories, no dot files). */
const PAGE_FILE = /^\/([a-z0-9][a-z0-9-]*\.(?:css|js|svg))$/;
const CLIENT_PATH = '/lib/chat-service-client.js';

/** The page's directory: `examples/web-chat/page`, found above this module (dist or sources). */
function findPageDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up += 1) {
    const candidate = join(dir, 'examples', 'web-chat', 'page');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

function findClientBundle(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('@chat-service/client/browser');
  } catch {
    return undefined;
  }
}

/**
 * Locates the page's files and builds the handler.
 *
 * @param config - what `/config.json` answers
 * @returns the handler, or a reason why the page cannot be served
 */
export function createWebChat(config: WebChatConfig): WebChat | { missing: string } {
  const pageDir = findPageDir();
  if (!pageDir) return { missing: 'the files of examples/web-chat are not in this installation' };
  const clientBundle = findClientBundle();
  if (!clientBundle) return { missing: '@chat-service/client/browser is not built (npm run build)' };
  const files = new Map<string, string>([
    ['/', join(pageDir, 'index.html')],
    [CLIENT_PATH, clientBundle],
    [`${CLIENT_PATH}.map`, `${clientBundle}.map`],
  ]);
  const configJson = JSON.stringify(config);

  const send = (res: ServerResponse, type: string, body: string | Buffer): void => {
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (type.startsWith('text/html')) headers['content-security-policy'] = WEB_CHAT_CSP;
    res.writeHead(200, headers);
    res.end(body);
  };
  const sendFile = async (res: ServerResponse, file: string): Promise<void> => {
    try {
      send(res, TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
    }
  };

  return {
    handle(req, res) {
      if (req.method !== 'GET' || !req.url) return false;
      const path = req.url.split('?', 1)[0] ?? '';
      if (path === '/config.json') {
        send(res, 'application/json', configJson);
        return true;
      }
      const name = PAGE_FILE.exec(path)?.[1];
      const file = files.get(path) ?? (name ? join(pageDir, name) : undefined);
      if (!file) return false;
      void sendFile(res, file);
      return true;
    },
  };
}
