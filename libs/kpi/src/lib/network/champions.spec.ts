import { champions } from './champions';
import type { Interaction, PersonAttributes } from './types';

const adopted = (adoptedOn: string | null): PersonAttributes => ({
  unit: null,
  level: null,
  legacyCompany: null,
  adoptedOn,
});
const link = (actor: string, target: string, count = 1): Interaction => ({ actor, target, count });

// Ten adopters and one non-adopter. earlyShare 0.3 -> quota 3; the 3rd adopter by date adopted on
// 2024-01-02, and so did e4 (4th): everyone up to that day is early -> e1, e2, e3, e4.
const people = new Map<string, PersonAttributes>([
  ['e1', adopted('2024-01-01')],
  ['e2', adopted('2024-01-02')],
  ['e3', adopted('2024-01-02')],
  ['e4', adopted('2024-01-02')],
  ['e5', adopted('2024-01-05')],
  ['e6', adopted('2024-01-06')],
  ['e7', adopted('2024-01-07')],
  ['e8', adopted('2024-01-08')],
  ['e9', adopted('2024-02-01')],
  ['e10', adopted('2024-02-02')],
  ['never', adopted(null)],
]);

const interactions = [
  link('e1', 'e5'),
  link('e6', 'e1'),
  link('e4', 'e1'),
  link('e4', 'e9', 2),
  link('e10', 'e4'),
  link('e2', 'e5', 3),
  link('never', 'e2'),
  link('e3', 'e7'),
  link('e3', 'e7'), // a second row for the same pair adds up
  link('e3', 'e8', 2),
  link('e3', 'e3', 50), // self-interaction: ignored
  // late adopter and non-adopter with wide reach: never champions
  link('e5', 'e6'),
  link('e5', 'e7'),
  link('e5', 'e8'),
  link('never', 'e9'),
  link('never', 'e10'),
];

describe('champions', () => {
  it('ranks early adopters by reach, then interactions, then id', () => {
    // e4: {e1, e9, e10} reach 3, 1 + 2 + 1 = 4 interactions.
    // e1: {e5, e6, e4} reach 3, 3 interactions.
    // e2: {e5, never} reach 2, 3 + 1 = 4; e3: {e7, e8} reach 2, 1 + 1 + 2 = 4 -> tie, same day, id order.
    expect(champions(interactions, people, { earlyShare: 0.3, top: 10 })).toEqual([
      { person: 'e4', adoptedOn: '2024-01-02', reach: 3, interactions: 4 },
      { person: 'e1', adoptedOn: '2024-01-01', reach: 3, interactions: 3 },
      { person: 'e2', adoptedOn: '2024-01-02', reach: 2, interactions: 4 },
      { person: 'e3', adoptedOn: '2024-01-02', reach: 2, interactions: 4 },
    ]);
    expect(champions(interactions, people, { earlyShare: 0.3, top: 2 }).map((c) => c.person)).toEqual([
      'e4',
      'e1',
    ]);
  });

  it('breaks a tie on reach and interactions by earlier adoption', () => {
    const pair = new Map([
      ['x', adopted('2024-03-01')],
      ['y', adopted('2024-02-01')],
    ]);
    const result = champions([link('x', 'z'), link('w', 'y')], pair, { earlyShare: 1, top: 5 });

    expect(result.map((c) => c.person)).toEqual(['y', 'x']);
  });

  it('leaves out early adopters without any interaction', () => {
    const result = champions([link('e5', 'e6')], people, { earlyShare: 1, top: 10 });

    expect(result.map((c) => c.person)).toEqual(['e5', 'e6']);
  });

  it('keeps a quota that is a whole number despite floating point (0.16 * 25)', () => {
    // 25 adopters on distinct days, each interacting with the hub: 16% of 25 = 4 early adopters.
    const many = new Map<string, PersonAttributes>();
    const toHub: Interaction[] = [];
    for (let day = 1; day <= 25; day++) {
      const id = `p${String(day).padStart(2, '0')}`;
      many.set(id, adopted(`2024-01-${String(day).padStart(2, '0')}`));
      toHub.push(link(id, 'hub'));
    }

    expect(champions(toHub, many, { earlyShare: 0.16, top: 10 }).map((c) => c.person)).toEqual([
      'p01',
      'p02',
      'p03',
      'p04',
    ]);
  });

  it('returns nothing for empty input, no adopters or a zero share', () => {
    expect(champions([], people, { earlyShare: 0.3, top: 5 })).toEqual([]);
    expect(champions(interactions, new Map(), { earlyShare: 0.3, top: 5 })).toEqual([]);
    expect(champions(interactions, people, { earlyShare: 0, top: 5 })).toEqual([]);
  });

  it('rejects invalid options and dates', () => {
    expect(() => champions([], people, { earlyShare: 1.5, top: 5 })).toThrow(RangeError);
    expect(() => champions([], people, { earlyShare: NaN, top: 5 })).toThrow(RangeError);
    expect(() => champions([], people, { earlyShare: 0.5, top: -1 })).toThrow(RangeError);
    expect(() => champions([], new Map([['d', adopted('01/02/2024')]]), { earlyShare: 0.5, top: 1 })).toThrow(
      RangeError,
    );
  });
});
