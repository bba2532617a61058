import { communityPersonaOf, communityPersonaShares } from './community-personas';

const person = (threads: number, answeredThreads: number, replies: number) => ({
  threads,
  answeredThreads,
  replies,
});

describe('community personas', () => {
  it('applies the people-dynamics rules in order, first match wins', () => {
    expect(communityPersonaOf(person(4, 2, 0))).toBe('catalyst'); // half answered
    expect(communityPersonaOf(person(4, 1, 3))).toBe('broadcaster'); // a quarter answered, 3 replies < 4 posts
    expect(communityPersonaOf(person(4, 1, 4))).toBe('engager'); // replies as often as posts, got an answer
    expect(communityPersonaOf(person(2, 0, 5))).toBe('responder'); // replies, nothing received
    expect(communityPersonaOf(person(0, 0, 3))).toBe('responder');
    expect(communityPersonaOf(person(0, 0, 0))).toBe('observer'); // read or reacted only
  });

  it('gives shares of the active people with complementary suppression', () => {
    // 6 catalysts, 5 engagers, 5 responders, 1 broadcaster, 3 observers (20): broadcaster and observers are
    // withheld (1 + 3 = 4 < 5), so the smallest other, 5 engagers (index first), is withheld too.
    const people = [
      ...Array.from({ length: 6 }, () => person(2, 2, 0)),
      ...Array.from({ length: 5 }, () => person(4, 1, 4)),
      ...Array.from({ length: 5 }, () => person(0, 0, 2)),
      person(3, 0, 0),
      ...Array.from({ length: 3 }, () => person(0, 0, 0)),
    ];
    expect(communityPersonaShares(people, 5)).toEqual({
      personas: { catalyst: 6 / 20, engager: null, responder: 5 / 20, broadcaster: null, observer: null },
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    expect(communityPersonaShares(people, 1).personas).toEqual({
      catalyst: 6 / 20,
      engager: 5 / 20,
      responder: 5 / 20,
      broadcaster: 1 / 20,
      observer: 3 / 20,
    });
  });

  it('withholds every share below k active people and has none without people', () => {
    const few = communityPersonaShares([person(1, 1, 0), person(0, 0, 1), person(0, 0, 0)], 5);
    expect(Object.values(few.personas)).toEqual([null, null, null, null, null]);
    expect(few.suppressed).toEqual({ code: 'below-k', minGroupSize: 5 });
    expect(communityPersonaShares([], 5)).toEqual({
      personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
    });
  });
});
