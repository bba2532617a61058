import { peopleShare } from './protected-parts';

describe('peopleShare', () => {
  it('publishes a share only when the part, the rest and the whole each rest on 0 or at least k people', () => {
    expect(peopleShare(3, 5, 2)).toBe(0.6); // 3 and 2
    expect(peopleShare(5, 5, 2)).toBe(1); // the rest is nobody
    expect(peopleShare(0, 4, 2)).toBe(0);
    // 2 of 3: beside its whole the share says that one person is not in the part
    expect(peopleShare(2, 3, 2)).toBeNull();
    expect(peopleShare(1, 4, 2)).toBeNull();
    expect(peopleShare(1, 1, 2)).toBeNull();
    expect(peopleShare(0, 0, 2)).toBeNull();
  });
});
