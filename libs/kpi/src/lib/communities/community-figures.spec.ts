import {
  emptyTallies,
  keyPlayerIndex,
  peopleRatio,
  publishVolume,
  shareOf,
  threadFigures,
  topShare,
  type ThreadTallies,
} from './community-figures';

describe('community figures', () => {
  it('takes the top 10% of posters (at least one person) and their share of the posts', () => {
    // 15 posters: ceil(1.5) = 2 people, 10 + 8 of 10 + 8 + 13 × 1 = 31 posts
    expect(topShare([1, 10, 1, 1, 1, 1, 8, 1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(18 / 31, 12);
    // 3 posters: ceil(0.3) = 1 person, 5 of 9
    expect(topShare([2, 5, 2])).toBe(5 / 9);
    // zeros are no posters: 4 posters, 1 person, 4 of 7
    expect(topShare([0, 4, 1, 1, 1, 0])).toBe(4 / 7);
    expect(topShare([])).toBeNull();
    expect(topShare([0, 0])).toBeNull();
  });

  it('finds the smallest share of the active people that carries half of the interactions', () => {
    // 12 interactions, 3 + 3 = 6 ≥ 6 after 2 people, of 10 active people
    expect(keyPlayerIndex([1, 3, 1, 3, 1, 1, 1, 1], 10)).toBe(2 / 10);
    // everyone alike: 4 × 1, half after 2 people, of 4
    expect(keyPlayerIndex([1, 1, 1, 1], 4)).toBe(0.5);
    // one person carries 9 of 10: 1 of 20 active people
    expect(keyPlayerIndex([9, 1], 20)).toBe(1 / 20);
    expect(keyPlayerIndex([], 5)).toBeNull();
    expect(keyPlayerIndex([0, 0], 5)).toBeNull();
    expect(keyPlayerIndex([2], 0)).toBeNull();
  });

  it('divides only by something, and withholds a ratio of people when a side is below k', () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 0)).toBeNull();
    expect(peopleRatio(6, 12, 5)).toBe(0.5);
    expect(peopleRatio(4, 12, 5)).toBeNull();
    expect(peopleRatio(6, 3, 5)).toBeNull();
    expect(peopleRatio(0, 12, 5)).toBe(0);
    expect(peopleRatio(0, 0, 5)).toBeNull();
  });

  const tallies = (overrides: Partial<ThreadTallies>): ThreadTallies => ({ ...emptyTallies(), ...overrides });

  it('publishes thread figures resting on at least k authors, shares from the true counts', () => {
    // 10 threads by 6 authors: 7 answered (6 within 7 days), 4 questions of which 3 answered,
    // 5 answered threads with both departments known, 2 of them across departments.
    const figures = threadFigures(
      tallies({
        threads: 10,
        answeredWithin7Days: 6,
        questions: 4,
        answeredQuestions: 3,
        answered: 7,
        medianHours: 2.5,
        p90Hours: 30,
        authors: { count: 6, key: 0 },
        topAuthorThreads: 3,
        comparable: 5,
        crossDepartment: 2,
      }),
      5,
    );
    expect(figures).toEqual({
      threads: 10,
      replyCoverage: 0.6,
      questions: 4,
      questionAnsweredRate: 0.75,
      medianHoursToFirstReply: 2.5,
      p90HoursToFirstReply: 30,
      unansweredShare: 0.3,
      crossDepartmentShare: 0.4,
    });
  });

  it('withholds every thread figure below k authors, and shows an empty community as 0 threads', () => {
    const few = threadFigures(tallies({ threads: 9, answered: 9, authors: { count: 4, key: 0 } }), 5);
    expect(Object.values(few).every((value) => value === null)).toBe(true);
    expect(threadFigures(emptyTallies(), 5)).toEqual({
      threads: 0,
      replyCoverage: null,
      questions: 0,
      questionAnsweredRate: null,
      medianHoursToFirstReply: null,
      p90HoursToFirstReply: null,
      unansweredShare: null,
      crossDepartmentShare: null,
    });
  });

  it('moves a perturbed volume by at most the largest single contribution', () => {
    const cell = { count: 8, key: 123_456_789 };
    expect(publishVolume(40, 6, cell, 5)).toBe(40);
    const perturbed = publishVolume(40, 6, cell, { k: 5, perturbation: true });
    expect(Math.abs(perturbed - 40)).toBeLessThanOrEqual(6);
    expect(Number.isInteger(perturbed)).toBe(true);
  });
});
