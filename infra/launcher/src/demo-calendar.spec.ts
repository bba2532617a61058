import { generateDemoOrganisation } from '@uptake/demo';
import { yesterdayIn } from './demo-organisation';
import { demoCalendar } from './demo-rollout';

describe('the demo’s dates', () => {
  it('ending on 2026-07-05 (what the e2e tests pin), are the dates the demo always had', () => {
    expect(demoCalendar(generateDemoOrganisation({ people: 60, endDate: '2026-07-05' }))).toEqual({
      pilotStart: '2026-01-05',
      pilotGoalsDue: '2026-06-30',
      weeklyActiveDue: '2026-12-31',
      triedDue: '2027-03-31',
    });
  });

  it('move with the end date: ending Monday 2026-11-30, the pilot starts 26 weeks before the Sunday before', () => {
    const demo = generateDemoOrganisation({ people: 60, endDate: '2026-11-30' });
    expect(demoCalendar(demo)).toEqual({
      // Sunday 2026-11-29 less 181 days: Monday 2026-06-01
      pilotStart: '2026-06-01',
      pilotGoalsDue: '2026-11-24',
      weeklyActiveDue: '2027-05-27',
      triedDue: '2027-08-25',
    });
    expect(new Date('2026-06-01T00:00:00Z').getUTCDay()).toBe(1);
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
