/**
 * Bus messages in and out of this instance, for the bus metric: read at
 * scrape time from the service's own counters (`service.busTraffic`), per
 * direction and topic kind (room, user, instance, global).
 *
 * @module
 */
import type { BusTopicKind, BusTraffic } from '@chat-service/core';

/** One bus counter sample: its labels and value. */
export interface BusSample {
  direction: 'in' | 'out';
  topic: BusTopicKind;
  value: number;
}

/**
 * The samples of the bus counters.
 *
 * @param traffic - the service's `busTraffic`
 * @returns one sample per direction and topic kind
 */
export function busSamples(traffic: BusTraffic): BusSample[] {
  const samples: BusSample[] = [];
  for (const [direction, counts] of [['out', traffic.published], ['in', traffic.received]] as const) {
    for (const [topic, value] of Object.entries(counts) as [BusTopicKind, number][]) samples.push({ direction, topic, value });
  }
  return samples;
}
