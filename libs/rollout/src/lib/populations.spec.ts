import { peopleApart } from './populations';

describe('peopleApart', () => {
  it('counts the people in either population and not the other', () => {
    expect(peopleApart(['a', 'b', 'c'], ['b', 'c', 'd', 'e'])).toBe(3);
  });

  it('is 0 for the same people in any order, and the size of the other when one is empty', () => {
    expect(peopleApart(['a', 'b'], ['b', 'a'])).toBe(0);
    expect(peopleApart([], ['a', 'b'])).toBe(2);
    expect(peopleApart(['a'], [])).toBe(1);
  });
});
