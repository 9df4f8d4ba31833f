import type { Namespace, Server } from 'socket.io';
import type { AdapterOption } from '../options.js';

type AdapterArg = Parameters<Server['adapter']>[0];
type AdapterInstance = ReturnType<Extract<AdapterArg, (nsp: Namespace) => unknown>>;
type AdapterClass = new (nsp: Namespace, ...rest: unknown[]) => AdapterInstance;

function prototypeOf(value: AdapterOption): unknown {
  return (value as { prototype?: unknown }).prototype;
}

function isAdapterClass(value: AdapterOption): value is AdapterOption & AdapterClass {
  const proto = prototypeOf(value);
  if (typeof proto !== 'object' || proto === null) return false;
  const p = proto as Record<string, unknown>;
  return typeof p['addAll'] === 'function' && typeof p['broadcast'] === 'function';
}

function build(factory: AdapterOption, args: readonly unknown[]): unknown {
  // A regular function or class has a prototype and is constructed, as the
  // reference does (`new Adapter(...adapterOptions)`); an arrow function is called.
  if (prototypeOf(factory) === undefined) return Reflect.apply(factory, undefined, args);
  return Reflect.construct(factory, args);
}

/** socket.io 4 runs `new (io.adapter())(nsp)`: an arrow `(nsp) => Adapter` needs a regular function around it. */
function constructible(fn: (nsp: Namespace) => unknown): AdapterArg {
  if (prototypeOf(fn) !== undefined) return fn as AdapterArg;
  return function adapterFactory(nsp: Namespace) {
    return fn(nsp);
  } as AdapterArg;
}

function withArgs(Adapter: AdapterClass, args: readonly unknown[]): AdapterArg {
  return constructible((nsp) => new Adapter(nsp, ...args));
}

/**
 * Installs `adapterConstructor` on a socket.io server (see `AdapterOption`).
 *
 * @throws TypeError when the factory does not give an adapter class or function.
 */
export function installAdapter(io: Server, factory: AdapterOption, args: readonly unknown[]): void {
  if (isAdapterClass(factory)) {
    io.adapter(withArgs(factory, args));
    return;
  }
  const made = build(factory, args);
  if (typeof made !== 'function') {
    throw new TypeError(
      '[transport-socketio] transportOptions.adapterConstructor must be a socket.io Adapter class or a factory ' +
        'returning one (e.g. createAdapter of @socket.io/redis-adapter); pass a ready adapter as ioOptions.adapter',
    );
  }
  io.adapter(constructible(made as (nsp: Namespace) => unknown));
}
