/**
 * The `roomHistoryGet` window of the reference service:
 * not "the N newest", but the ids just after `afterId`.
 *
 * @param lastMessageId - the room's last allocated id
 * @param afterId - the client's id (≥ 0)
 * @param limit - the effective limit (≥ 0)
 * @returns the inclusive id range `[first, last]`, or `null` when it is empty
 */
export function historyWindow(lastMessageId: number, afterId: number, limit: number): [number, number] | null {
  const from = Math.min(Math.max(Math.floor(afterId), 0), lastMessageId);
  const len = Math.min(Math.floor(limit), lastMessageId - from);
  if (len <= 0) return null;
  return [from + 1, from + len];
}
