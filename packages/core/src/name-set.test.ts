import { describe, expect, it } from 'vitest';
import { hasName, namesOf, withName, withoutName } from './name-set.js';

describe('NameSet', () => {
  it('is the name itself for one, a Set from the second, nothing when emptied', () => {
    let names = withName<string>(undefined, 'a');
    expect(names).toBe('a');
    expect(withName(names, 'a')).toBe('a');
    names = withName(names, 'b');
    expect(names).toBeInstanceOf(Set);
    expect(withName(names, 'c')).toBe(names);
    expect(namesOf(names)).toEqual(['a', 'b', 'c']);
    expect([hasName(names, 'b'), hasName(names, 'x'), hasName('a', 'a'), hasName('a', 'b'), hasName(undefined, 'a')]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    let left = withoutName(names, 'b');
    left = withoutName(left, 'x');
    expect(namesOf(left)).toEqual(['a', 'c']);
    left = withoutName(withoutName(left, 'a'), 'c');
    expect(left).toBeUndefined();
    expect(withoutName('a', 'b')).toBe('a');
    expect(withoutName('a', 'a')).toBeUndefined();
    expect(namesOf(undefined)).toEqual([]);
  });
});
