/**
 * Reading an upgrade request's target (`/chat-service?user=ann`): its path
 * and its query, as `new URL(target, base)` reads them, without building a
 * URL for every connection in the usual case.
 *
 * @module
 */

const BASE = 'http://localhost';

/** What may follow the path in a target that names it: an optional slash, then the query, the fragment or the end. */
const AFTER_PATH = /\/?(?:[?#]|$)/y;

/** Paths that the URL parser keeps as they are (no dot segments, nothing to percent-encode), by path. */
const plainPaths = new Map<string, boolean>();

function isPlain(path: string): boolean {
  let plain = plainPaths.get(path);
  if (plain === undefined) {
    plain = new URL(path, BASE).pathname === path;
    plainPaths.set(path, plain);
  }
  return plain;
}

/** Whether a request target names `path` (an optional trailing slash is fine), as the URL parser sees its path. */
export function isPath(target: string | undefined, path: string): boolean {
  const url = target ?? '/';
  if (url.startsWith(path) && isPlain(path)) {
    AFTER_PATH.lastIndex = path.length;
    if (AFTER_PATH.test(url)) return true;
  }
  const pathname = new URL(url, BASE).pathname;
  return pathname === path || pathname === `${path}/`;
}

/** The query parameters of a request target, as `new URL(target, base).searchParams` has them. */
export function queryOf(target: string): URLSearchParams {
  const start = target.indexOf('?');
  const end = target.indexOf('#');
  if (start < 0 || (end >= 0 && end < start)) return new URLSearchParams();
  return new URLSearchParams(end < 0 ? target.slice(start + 1) : target.slice(start + 1, end));
}
