/**
 * Noticing that a slot of a cluster has a new master (a failover, a
 * resharding), also when none of our commands ran into it: the slot map is
 * read again every so often, and compared after each reading (ours or
 * ioredis's own, after a MOVED or a lost node).
 *
 * @module
 */
import type { Cluster } from 'ioredis';

/** How often a cluster's slot map is read again by default, in ms. */
export const DEFAULT_CLUSTER_CHECK_INTERVAL = 5000;

/** The master of every slot (its node key, '' for none), as ioredis last read the slot map. */
function slotMasters(cluster: Cluster): string[] {
  return Array.from(cluster.slots, (nodes) => nodes[0] ?? '');
}

/** Whether a slot that had a master has another one now (or none). */
function masterChanged(before: readonly string[], now: readonly string[]): boolean {
  for (let slot = 0; slot < before.length; slot++) if (before[slot] !== '' && before[slot] !== now[slot]) return true;
  return false;
}

/**
 * Calls `onChange` each time a reading of the slot map shows a slot with
 * another master than the reading before; reads it every `interval` ms (not
 * at all for 0). Returns the end of the watch.
 */
export function watchSlotMasters(cluster: Cluster, interval: number, onChange: () => void): () => void {
  let masters = slotMasters(cluster);
  const onRefresh = (): void => {
    const now = slotMasters(cluster);
    const changed = masterChanged(masters, now);
    masters = now;
    if (changed) onChange();
  };
  cluster.on('refresh', onRefresh);
  const timer =
    interval > 0
      ? setInterval(() => {
          cluster.refreshSlotsCache();
        }, interval)
      : undefined;
  timer?.unref();
  return () => {
    clearInterval(timer);
    cluster.off('refresh', onRefresh);
  };
}
