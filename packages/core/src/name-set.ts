/**
 * A set kept small: one member is the value itself, a Set is made only for
 * the second. Most topics have one local holder (a user's topic) and most
 * sockets hold one topic, so an idle connection costs no Set.
 *
 * @module
 */

/** One member, or several (a member is never itself a Set). */
export type NameSet<T = string> = T | Set<T>;

/** `names` with `name` added (the same Set, mutated, once there is one). */
export function withName<T>(names: NameSet<T> | undefined, name: T): NameSet<T> {
  if (names === undefined || names === name) return name;
  if (!(names instanceof Set)) return new Set([names, name]);
  names.add(name);
  return names;
}

/** `names` without `name` (the same Set, mutated); `undefined` when none is left. */
export function withoutName<T>(names: NameSet<T> | undefined, name: T): NameSet<T> | undefined {
  if (names === name) return undefined;
  if (!(names instanceof Set)) return names;
  names.delete(name);
  return names.size === 0 ? undefined : names;
}

/** Whether `name` is in `names`. */
export function hasName<T>(names: NameSet<T> | undefined, name: T): boolean {
  return names instanceof Set ? names.has(name) : names === name;
}

/** The names, as a fresh array. */
export function namesOf<T>(names: NameSet<T> | undefined): T[] {
  if (names === undefined) return [];
  return names instanceof Set ? [...names] : [names];
}
