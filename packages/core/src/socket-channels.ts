/**
 * A local socket's transport channels (its rooms and its user's channel) and
 * the bus topics behind them: a topic is subscribed before the socket joins
 * its channel, and dropped when no local socket holds it any more.
 *
 * @module
 */
import { userTopic } from './bus-topics.js';
import { topicOfChannel } from './routing.js';
import type { ServiceContext } from './service-context.js';

type ChannelContext = Pick<ServiceContext, 'routing' | 'store' | 'transport' | 'sockets' | 'logger'>;

/** Joins a local socket to a room's or user's channel, subscribed to its topic first (so nothing published after the join is missed). */
export async function joinChannel(ctx: ChannelContext, id: string, channel: string): Promise<void> {
  const topic = topicOfChannel(channel);
  if (topic) await ctx.routing.subscriptions.acquire(id, topic);
  if (topic?.kind === 'room')
    await ctx.routing.startRoomOrder(topic.name, async () => (await ctx.store.roomHistoryInfo(topic.name)).lastMessageId);
  await ctx.transport.joinChannel(id, channel);
  const socket = ctx.sockets.get(id);
  // Only rooms count against maxRoomsPerSocket (not the user's own channel).
  if (topic?.kind === 'room' && socket && !socket.gone) (socket.rooms ??= new Set()).add(channel);
}

/** Removes a local socket from a channel, and drops the topic when no local socket holds it any more. */
export async function leaveChannel(ctx: ChannelContext, id: string, channel: string): Promise<void> {
  ctx.sockets.get(id)?.rooms?.delete(channel);
  const topic = topicOfChannel(channel);
  try {
    await ctx.transport.leaveChannel(id, channel);
  } finally {
    if (topic) {
      await ctx.routing.subscriptions.release(id, topic).catch((error: unknown) => {
        ctx.logger.warn('bus unsubscribe failed', { topic, error });
      });
    }
  }
}

/** Subscribes a socket's user topic before its registration is recorded. */
export function holdUserTopic(ctx: Pick<ServiceContext, 'routing'>, id: string, user: string): Promise<void> {
  return ctx.routing.subscriptions.acquire(id, userTopic(user));
}

/** Drops every topic a local socket held. */
export function releaseTopics(ctx: Pick<ServiceContext, 'routing' | 'logger'>, id: string): Promise<void> {
  return ctx.routing.subscriptions.releaseAll(id).catch((error: unknown) => {
    ctx.logger.warn('bus unsubscribe failed', { id, error });
  });
}
