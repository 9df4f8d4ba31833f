/**
 * A TCP proxy on port 0 (node:net) that tests use to cut client connections:
 * `cutRandom` destroys a share of the live ones, `pause` cuts all and refuses
 * new ones until `resume`. With several targets, each new connection of a
 * user (the `user` query parameter of its HTTP request line) goes to the
 * target after the one its previous connection went to.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  /** Where clients connect. */
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Destroys each live connection with probability `share`, choosing with `random`; returns how many. */
  cutRandom(share: number, random: () => number): number;
  /** Destroys every live connection and refuses new ones until {@link TcpProxy.resume}. */
  pause(): void;
  /** Accepts connections again. */
  resume(): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** The `user` query parameter of an HTTP request line, or '' when there is none. */
function userOf(head: string): string {
  const target = head.split(' ')[1] ?? '';
  return new URL(target, 'http://proxy').searchParams.get('user') ?? '';
}

/**
 * Starts a proxy in front of `targets` (ports on 127.0.0.1).
 *
 * @param targets - one port, or several to alternate between per user
 * @returns the proxy
 */
export async function startTcpProxy(targets: readonly number[]): Promise<TcpProxy> {
  const live = new Set<net.Socket>();
  /** The client side of each live connection. */
  const clients = new Set<net.Socket>();
  const nextTarget = new Map<string, number>();
  let paused = false;
  let accepted = 0;
  const pick = (user: string): number => {
    const index = nextTarget.get(user) ?? 0;
    const target = targets[index];
    if (target === undefined) throw new RangeError('no target ports');
    nextTarget.set(user, (index + 1) % targets.length);
    return target;
  };
  const server = net.createServer((client) => {
    accepted++;
    if (paused) {
      client.destroy();
      return;
    }
    live.add(client);
    clients.add(client);
    client.on('error', () => undefined);
    client.on('close', () => {
      live.delete(client);
      clients.delete(client);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n');
      if (end < 0) return;
      client.off('data', onData);
      client.pause();
      const upstream = net.connect(pick(userOf(head.subarray(0, end).toString('latin1'))), '127.0.0.1');
      live.add(upstream);
      upstream.on('error', () => undefined);
      upstream.on('close', () => {
        live.delete(upstream);
        client.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return accepted;
    },
    cutRandom(share, random) {
      let cut = 0;
      // The upstream side follows its client.
      for (const socket of [...clients]) {
        if (random() >= share) continue;
        socket.destroy();
        cut++;
      }
      return cut;
    },
    pause() {
      paused = true;
      for (const socket of [...live]) socket.destroy();
    },
    resume() {
      paused = false;
    },
    close() {
      for (const socket of [...live]) socket.destroy();
      return new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
