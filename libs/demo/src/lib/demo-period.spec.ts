import { demoPeriod, generateDemoOrganisation, type DemoEvent, type DemoOptions } from './demo-organisation';

const DAY_MS = 86_400_000;
/** Small, so each generation takes well under a second; the period logic does not depend on the size. */
const SMALL: DemoOptions = { seed: 11, people: 200, departments: 5 };

const events = (options: DemoOptions) => [...generateDemoOrganisation({ ...SMALL, ...options }).events()];
const dayOf = (event: DemoEvent) => event.occurredAt.toISOString().slice(0, 10);
/** An event as bytes, with its time moved back by `days` (so two histories can be compared). */
const shifted = (event: DemoEvent, days: number) =>
  JSON.stringify({ ...event, occurredAt: new Date(event.occurredAt.getTime() - days * DAY_MS) });

describe('the demo period', () => {
  it('plans whole weeks from a Monday to the last Sunday, then adds the days of the end date’s week', () => {
    // Sunday 2026-07-05 closes the 26th week from Monday 2026-01-05: the period the demo always had.
    expect(demoPeriod({ endDate: '2026-07-05' })).toEqual({
      start: '2026-01-05',
      endDate: '2026-07-05',
      days: 182,
      plannedDays: 182,
    });
    // Tuesday 2026-12-01: the last Sunday is 2026-11-29, 26 weeks from Monday 2026-06-01 (182 days), and the
    // history adds Monday and Tuesday.
    expect(demoPeriod({ endDate: '2026-12-01' })).toEqual({
      start: '2026-06-01',
      endDate: '2026-12-01',
      days: 184,
      plannedDays: 182,
    });
    // 30 days round up to 5 weeks: Monday 2026-06-01 .. Sunday 2026-07-05.
    expect(demoPeriod({ endDate: '2026-07-05', days: 30 })).toMatchObject({ start: '2026-06-01', days: 35 });
    // Without an end date, as before: `days` from `start` (2026-01-05 by default).
    expect(demoPeriod({})).toEqual({
      start: '2026-01-05',
      endDate: '2026-07-05',
      days: 182,
      plannedDays: 182,
    });
    expect(demoPeriod({ start: '2026-03-04', days: 30 })).toMatchObject({ endDate: '2026-04-02', days: 30 });
  });

  it('names a bad end date, and refuses start and endDate together', () => {
    expect(() => demoPeriod({ endDate: '2026-13-01' })).toThrow(
      'endDate must be an ISO date (got 2026-13-01)',
    );
    expect(() => demoPeriod({ endDate: '2026-02-29' })).toThrow(
      'endDate must be an ISO date (got 2026-02-29)',
    );
    expect(() => demoPeriod({ endDate: 'yesterday' })).toThrow(/endDate must be an ISO date/);
    expect(() => demoPeriod({ start: '2026-01-05', endDate: '2026-07-05' })).toThrow(
      'give start or endDate, not both',
    );
    expect(() => demoPeriod({ endDate: '2026-07-05', days: 27 })).toThrow('days must be between 28 and 3660');
  });

  it('ending on 2026-07-05 is byte for byte the demo it always was (what the e2e tests pin)', () => {
    const pinned = generateDemoOrganisation({ ...SMALL, endDate: '2026-07-05' });
    const before = generateDemoOrganisation(SMALL);
    expect(JSON.stringify(pinned.people)).toBe(JSON.stringify(before.people));
    expect(JSON.stringify(pinned.groups)).toBe(JSON.stringify(before.groups));
    expect(JSON.stringify([...pinned.events()])).toBe(JSON.stringify([...before.events()]));
    expect(JSON.stringify([...pinned.usage()])).toBe(JSON.stringify([...before.usage()]));
  });

  it('is deterministic for a seed and an end date, and another seed is another company', () => {
    const once = JSON.stringify(events({ endDate: '2026-11-30' }));
    expect(JSON.stringify(events({ endDate: '2026-11-30' }))).toBe(once);
    expect(JSON.stringify(events({ endDate: '2026-11-30', seed: 12 }))).not.toBe(once);
  });

  it('ends on the end date: its last day is as busy as any working day, no event is later', () => {
    const demo = generateDemoOrganisation({ ...SMALL, endDate: '2026-12-01' });
    const all = [...demo.events()];
    expect(demo.start).toBe('2026-06-01');
    expect(demo.endDate).toBe('2026-12-01');
    expect(demo.days).toBe(184);
    expect(dayOf(all[0]) >= '2026-06-01').toBe(true);
    expect(dayOf(all.at(-1)!)).toBe('2026-12-01');
    // the days after the planned weeks are working days like the others: about as busy as a week before
    const on = (day: string) => all.filter((event) => dayOf(event) === day).length;
    expect(on('2026-12-01')).toBeGreaterThan(0.5 * on('2026-11-24'));
    const usage = [...demo.usage({ metrics: ['email.sent'] })];
    expect(usage.at(-1)!.day).toBe('2026-12-01');
    // leavers left within the planned weeks: nobody's employment ends in the future
    expect(demo.people.every((person) => person.endDate === null || person.endDate <= '2026-11-29')).toBe(
      true,
    );
  });

  it('an end date two weeks later shifts every event by exactly 14 days, on the same weekday', () => {
    const early = events({ endDate: '2026-11-17' });
    const late = events({ endDate: '2026-12-01' });
    expect(late.length).toBe(early.length);
    expect(late.map((event) => shifted(event, 14))).toEqual(early.map((event) => JSON.stringify(event)));
    const weekday = (event: DemoEvent) => event.occurredAt.getUTCDay();
    expect(late.map(weekday)).toEqual(early.map(weekday));
    // Weekends stay quiet: the pattern did not slide onto weekdays.
    const weekend = late.filter((event) => [0, 6].includes(weekday(event))).length;
    expect(weekend / late.length).toBeLessThan(0.05);
  });

  it('within a week, a later end date adds days to the same history (the past does not change)', () => {
    const wednesday = events({ endDate: '2026-12-02' });
    const saturday = events({ endDate: '2026-12-05' });
    expect(wednesday.length).toBeLessThan(saturday.length);
    expect(JSON.stringify(wednesday)).toBe(
      JSON.stringify(saturday.filter((event) => dayOf(event) <= '2026-12-02')),
    );
    // The Sunday before ends the planned weeks: what the days after it add leaves them as they were.
    const lastSunday = events({ endDate: '2026-11-29' });
    expect(JSON.stringify(lastSunday)).toBe(
      JSON.stringify(wednesday.filter((event) => dayOf(event) <= '2026-11-29')),
    );
    // On Sunday the planned weeks move on by one (from Monday 2026-06-08): the same story a week later.
    const sunday = events({ endDate: '2026-12-06' });
    expect(dayOf(sunday[0]) >= '2026-06-08').toBe(true);
    expect(sunday.map((event) => shifted(event, 7))).toEqual(
      saturday.filter((event) => dayOf(event) <= '2026-11-29').map((event) => JSON.stringify(event)),
    );
  });
});
