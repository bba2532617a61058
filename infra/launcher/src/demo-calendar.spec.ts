import { generateDemoOrganisation } from '@uptake/demo';
import { yesterdayIn } from './demo-organisation';
import { demoCalendar, pilotEmailsPerWeek } from './demo-rollout';

describe('the demo’s dates', () => {
  it('ending on 2026-07-05 (what the e2e tests pin): the pilot kicked off 6 weeks before, 20 weeks in', () => {
    const demo = generateDemoOrganisation({ people: 60, endDate: '2026-07-05' });
    // History Monday 2026-01-05 .. Sunday 2026-07-05 (26 weeks); the kick-off opens its 21st week, so the
    // last complete week (2026-06-29 .. 07-05) is the pilot's 6th of 12.
    expect(demo.start).toBe('2026-01-05');
    expect(demoCalendar(demo)).toEqual({
      pilotStart: '2026-05-25',
      // the pilot's 12 weeks: 2026-05-25 + 83 days, a Sunday
      pilotGoalsDue: '2026-08-16',
      // 36 and 50 weeks from the kick-off (12 + 12 + 26: the default template's plan end)
      weeklyActiveDue: '2027-01-31',
      triedDue: '2027-05-09',
    });
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
    expect([weekday('2026-05-25'), weekday('2026-08-16'), weekday('2027-05-09')]).toEqual([1, 0, 0]);
  });

  it('move with the end date: ending Monday 2026-11-30, the pilot kicks off 6 weeks before the Sunday before', () => {
    const demo = generateDemoOrganisation({ people: 60, endDate: '2026-11-30' });
    expect(demoCalendar(demo)).toEqual({
      // Sunday 2026-11-29 less 41 days: Monday 2026-10-19 (history from Monday 2026-06-01)
      pilotStart: '2026-10-19',
      pilotGoalsDue: '2027-01-10',
      weeklyActiveDue: '2027-06-27',
      triedDue: '2027-10-03',
    });
    expect(demo.start).toBe('2026-06-01');
    expect(new Date('2026-10-19T00:00:00Z').getUTCDay()).toBe(1);
  });

  it('put the e-mail baseline (8 weeks before the kick-off) inside the history, where the pilot still sends as before', () => {
    const demo = generateDemoOrganisation({ people: 60, endDate: '2026-07-05' });
    // 2026-03-30 .. 2026-05-24: after the history's first day
    expect(demo.start < '2026-03-30').toBe(true);
    const perWeek = pilotEmailsPerWeek(demo);
    // a staff member sends about 22 a working day (5 a week, calendar and holidays lower it; managers more)
    expect(perWeek).toBeGreaterThan(70);
    expect(perWeek).toBeLessThan(140);
  });

  it('default to yesterday in the organisation’s time zone', () => {
    // 2026-12-01 23:30 UTC is already 2 December in Berlin, still 1 December in New York
    const now = new Date(Date.UTC(2026, 11, 1, 23, 30));
    expect(yesterdayIn('UTC', now)).toBe('2026-11-30');
    expect(yesterdayIn('Europe/Berlin', now)).toBe('2026-12-01');
    expect(yesterdayIn('America/New_York', now)).toBe('2026-11-30');
    // over a month and a year end
    expect(yesterdayIn('UTC', new Date(Date.UTC(2027, 0, 1, 0, 5)))).toBe('2026-12-31');
    expect(() => yesterdayIn('Mars/Olympus', now)).toThrow(RangeError);
  });
});
