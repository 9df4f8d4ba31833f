/**
 * A set of names kept small: one name is the string itself, a Set is made
 * only for the second. Most topics have one local holder (a user's topic) and
 * most sockets hold one topic, so an idle connection costs no Set.
 *
 * @module
 */

/** One name, or several. */
export type NameSet = string | Set<string>;

/** `names` with `name` added (the same Set, mutated, once there is one). */
export function withName(names: NameSet | undefined, name: string): NameSet {
  if (names === undefined || names === name) return name;
  if (typeof names === 'string') return new Set([names, name]);
  names.add(name);
  return names;
}

/** `names` without `name` (the same Set, mutated); `undefined` when none is left. */
export function withoutName(names: NameSet | undefined, name: string): NameSet | undefined {
  if (names === name) return undefined;
  if (typeof names !== 'object') return names;
  names.delete(name);
  return names.size === 0 ? undefined : names;
}

/** Whether `name` is in `names`. */
export function hasName(names: NameSet | undefined, name: string): boolean {
  return typeof names === 'object' ? names.has(name) : names === name;
}

/** The names, as a fresh array. */
export function namesOf(names: NameSet | undefined): string[] {
  if (names === undefined) return [];
  return typeof names === 'string' ? [names] : [...names];
}
