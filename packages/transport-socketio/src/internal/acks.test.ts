import { describe, expect, it } from 'vitest';
import { splitPacket } from './acks.js';

const ack = (): void => undefined;

describe('splitPacket', () => {
  it('takes a trailing function as the ack', () => {
    expect(splitPacket(['cmd', 1, ack])).toEqual({ name: 'cmd', args: [1], ack });
  });

  it('keeps a trailing non-function as an argument', () => {
    expect(splitPacket(['cmd', 1, 'x'])).toEqual({ name: 'cmd', args: [1, 'x'], ack: undefined });
    expect(splitPacket(['cmd'])).toEqual({ name: 'cmd', args: [], ack: undefined });
  });
});
