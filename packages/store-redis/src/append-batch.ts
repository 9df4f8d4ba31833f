/**
 * Room messages as one script call per turn of the event loop. Each
 * `roomHistoryAppend` of a turn joins the current batch; the batch is sent at
 * the end of the turn, or before the store's next script or bus publish (so
 * those still reach Redis in the order they were issued; a plain command of
 * the same turn, e.g. a lock's SET, may go first, which is an order concurrent
 * commands may have anyway), or once it holds
 * {@link MAX_BATCH} messages. The script appends the messages one after the
 * other, each one atomic step (see `HISTORY_APPEND`), so one EVALSHA, one
 * ioredis command and one reply carry what would be one of each per message:
 * both the store's process and redis-server spend most of a lone append on
 * that per-call work. How the messages that are published go out (the
 * publish mode, the sending instance, the frame prefix) is sent once per
 * call: a message published for another instance starts a new batch (never
 * in the service, where it is always its own). Where nothing may be held (a
 * cluster, or a connection that is not ready) each message is a call of its
 * own.
 *
 * @module
 */
import type { ScriptRunner } from './scripts/index.js';
import type { WriteBatch } from './write-batch.js';

/** The most messages in one call: it bounds the script's run time and the size of one command. */
export const MAX_BATCH = 256;

/** The keys of one message (historyinfo, history, userlist, bus channel). */
export type AppendKeys = readonly [string, string, string, string];

/** The arguments of one message (body without its `{`, its control string: see `HISTORY_APPEND`). */
export type AppendArgs = readonly [string, string];

/** How a call publishes (publish mode, origin, frame prefix): one tuple per origin, compared by identity. */
export type AppendPublisher = readonly [string, string, string];

/** The call's first three arguments while none of its messages brings a publisher. */
const UNPUBLISHED: AppendPublisher = ['', '', ''];

/** Appends one message, published by `publisher` when it has one; resolves the script's reply for it (the id, 0 or -1). */
export type Append = (keys: AppendKeys, args: AppendArgs, publisher?: AppendPublisher) => Promise<unknown>;

interface Batch {
  publisher: AppendPublisher;
  readonly keys: string[];
  /** The messages' arguments; the call's begin with the publisher's. */
  readonly args: string[];
  readonly waiters: { resolve: (reply: unknown) => void; reject: (error: unknown) => void }[];
  sent: boolean;
}

function settle(batch: Batch, replies: unknown): void {
  const { waiters } = batch;
  if (!Array.isArray(replies) || replies.length !== waiters.length) {
    const error = new Error(`[store-redis] unexpected reply (one per message): ${JSON.stringify(replies)}`);
    for (const waiter of waiters) waiter.reject(error);
    return;
  }
  for (let i = 0; i < waiters.length; i++) {
    const reply: unknown = replies[i];
    const waiter = waiters[i];
    if (reply instanceof Error) waiter?.reject(reply);
    else waiter?.resolve(reply);
  }
}

/** Builds the batching append over the append script and the client's write batch. */
export function createAppendBatch(run: ScriptRunner, writes: WriteBatch): Append {
  let current: Batch | undefined;
  const send = (batch: Batch): void => {
    if (batch.sent) return;
    batch.sent = true;
    if (current === batch) current = undefined;
    run(batch.keys, [...batch.publisher, ...batch.args]).then(
      (replies) => {
        settle(batch, replies);
      },
      (error: unknown) => {
        for (const waiter of batch.waiters) waiter.reject(error);
      },
    );
  };
  return (keys, args, publisher) =>
    new Promise((resolve, reject) => {
      // Another publisher's message goes in a call of its own, after this one: the calls leave in the order of their messages
      if (current !== undefined && publisher !== undefined && current.publisher !== UNPUBLISHED && current.publisher !== publisher) send(current);
      const fresh = current === undefined;
      const batch: Batch = current ?? { publisher: UNPUBLISHED, keys: [], args: [], waiters: [], sent: false };
      if (publisher !== undefined) batch.publisher = publisher;
      batch.keys.push(...keys);
      batch.args.push(...args);
      batch.waiters.push({ resolve, reject });
      if (!fresh) {
        if (batch.waiters.length >= MAX_BATCH) send(batch);
      } else if (writes.canDefer()) {
        current = batch;
        writes.defer(() => {
          send(batch);
        });
      } else {
        send(batch);
      }
    });
}
