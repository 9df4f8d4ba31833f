import type { Namespace, Server } from 'socket.io';
import type { AdapterOption } from '../options.js';

type AdapterArg = Parameters<Server['adapter']>[0];
type AdapterInstance = ReturnType<Extract<AdapterArg, (nsp: Namespace) => unknown>>;

function isAdapterClass(value: AdapterOption): boolean {
  const proto: unknown = value.prototype;
  if (typeof proto !== 'object' || proto === null) return false;
  const p = proto as Record<string, unknown>;
  return typeof p['addAll'] === 'function' && typeof p['broadcast'] === 'function';
}

function build(factory: AdapterOption, args: readonly unknown[]): unknown {
  // A regular function or class has a prototype and is constructed, as the
  // reference does (`new Adapter(...adapterOptions)`); an arrow function is called.
  if (factory.prototype === undefined) return Reflect.apply(factory, undefined, args);
  return Reflect.construct(factory, args);
}

/**
 * Installs `adapterConstructor` on a socket.io server (see `AdapterOption`).
 *
 * @throws TypeError when the factory does not give an adapter class or function.
 */
export function installAdapter(io: Server, factory: AdapterOption, args: readonly unknown[]): void {
  if (isAdapterClass(factory)) {
    const Adapter = factory as unknown as new (nsp: Namespace, ...rest: unknown[]) => AdapterInstance;
    io.adapter(args.length === 0 ? (Adapter as unknown as AdapterArg) : (nsp: Namespace) => new Adapter(nsp, ...args));
    return;
  }
  const made = build(factory, args);
  if (typeof made !== 'function') {
    throw new TypeError(
      '[transport-socketio] transportOptions.adapterConstructor must be a socket.io Adapter class or a factory ' +
        'returning one (e.g. createAdapter of @socket.io/redis-adapter); pass a ready adapter as ioOptions.adapter',
    );
  }
  io.adapter(made as AdapterArg);
}
