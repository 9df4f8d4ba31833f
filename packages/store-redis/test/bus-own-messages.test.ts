/**
 * An instance skips the bus messages it published itself by the frame's
 * origin header, before parsing: a frame with its own header and a body that
 * is not JSON is dropped silently, while the same body from another origin is
 * parsed (and reported as not JSON).
 */
import { describe, expect, it, vi } from 'vitest';
import { frameHeader } from '../src/bus-frame.js';
import { createKeySpace } from '../src/index.js';
import { GLOBAL, custom, openStore, randomPrefix, setups, tuned, usePrefix } from './setups.js';

const WAIT = { timeout: 5000, interval: 20 };

describe.each(setups)('store-redis bus on $name', (setup) => {
  it('drops its own frames by their origin header without parsing them', async () => {
    const prefix = usePrefix(setup, randomPrefix());
    const errors = vi.fn();
    const store = openStore({ ...setup.connection(), prefix, onError: errors });
    await tuned(store, 'self');
    const heard = vi.fn();
    store.onMessage(heard);
    const channel = createKeySpace(prefix).busChannel(GLOBAL);
    const client = store.client;
    const publishRaw = (payload: string): Promise<unknown> => (client.isCluster ? client.spublish(channel, payload) : client.publish(channel, payload));

    // One channel keeps publish order: once the last frame is handled, the earlier ones were too.
    await publishRaw(`${frameHeader('self')}not json`);
    await publishRaw(`${frameHeader('self')}${JSON.stringify({ kind: 'custom', event: 'own', args: [] })}`);
    await publishRaw(`${frameHeader('other')}not json`);
    await publishRaw(`${frameHeader('pub')}${JSON.stringify({ kind: 'custom', event: 'theirs', args: [] })}`);
    await vi.waitFor(() => {
      expect(heard).toHaveBeenCalledWith(custom('theirs'), GLOBAL);
    }, WAIT);
    expect(heard).toHaveBeenCalledTimes(1);
    // only the other origin's broken frame was parsed
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ message: '[store-redis] bus: a message is not JSON' }));
  });
});
