import { createHash } from 'node:crypto';
import {
  calendarFactor,
  EMAIL_HISTORY_WEEKS,
  generateDemoOrganisation,
  isOffDay,
  pilotEffectFactor,
  type DemoOrganisation,
} from './demo-organisation';
import { easterSunday } from './email-usage';

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayIndex = (demo: DemoOrganisation, day: string) =>
  Math.round((dayMs(day) - dayMs(demo.start)) / DAY_MS);

function streamHash(rows: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

describe('the calendar of e-mail volume', () => {
  it('knows Easter and the shared public holidays', () => {
    // Easter Sunday: 20 April 2025, 5 April 2026, 28 March 2027 (published tables).
    expect(new Date(easterSunday(2025)).toISOString().slice(0, 10)).toBe('2025-04-20');
    expect(new Date(easterSunday(2026)).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(new Date(easterSunday(2027)).toISOString().slice(0, 10)).toBe('2027-03-28');
    // Good Friday and Easter Monday 2026, Christmas, New Year, 1 May (a Friday in 2026)
    for (const day of ['2026-04-03', '2026-04-06', '2025-12-25', '2025-12-26', '2026-01-01', '2026-05-01'])
      expect({ day, off: isOffDay(dayMs(day)) }).toEqual({ day, off: true });
    // a Saturday and a Sunday
    for (const day of ['2026-01-10', '2026-01-11']) expect(isOffDay(dayMs(day))).toBe(true);
    // a Monday, Maundy Thursday, Christmas Eve (a working day here)
    for (const day of ['2026-01-05', '2026-04-02', '2025-12-24'])
      expect({ day, off: isOffDay(dayMs(day)) }).toEqual({ day, off: false });
  });

  it('declines slowly into summer by 10% and dips around Easter', () => {
    // 1 December 2025 is day 334 of the year: the peak, factor 1.
    expect(calendarFactor(dayMs('2025-12-01'))).toBeCloseTo(1, 6);
    // 1 June 2026 (day 151): 183 days after the peak, cos(2π·183/365) ≈ −1, so 1 − 0.1 = 0.9.
    expect(calendarFactor(dayMs('2026-06-01'))).toBeCloseTo(0.9, 3);
    // monotonic decline from January to May, outside the Easter weeks
    const jan = calendarFactor(dayMs('2026-01-12'));
    const mar = calendarFactor(dayMs('2026-03-02'));
    const may = calendarFactor(dayMs('2026-05-04'));
    expect(jan).toBeGreaterThan(mar);
    expect(mar).toBeGreaterThan(may);
    // Easter week (Easter Sunday ± 7 days) at 85% of the trend around it
    const easterWeek = calendarFactor(dayMs('2026-04-08'));
    const around = (calendarFactor(dayMs('2026-03-25')) + calendarFactor(dayMs('2026-04-22'))) / 2;
    expect(easterWeek / around).toBeCloseTo(0.85, 2);
  });

  it('applies the pilot effect from day 0, ramped in linearly when the truth has a ramp', () => {
    const ramp = { relativeChange: -0.15, rampWeeks: 2 } as const;
    expect(pilotEffectFactor(-1, ramp)).toBe(1);
    // day 0: 1 − 0.15 · 1/14; day 6: 1 − 0.15 · 7/14 = 0.925; day 13 and later: 0.85
    expect(pilotEffectFactor(0, ramp)).toBeCloseTo(1 - 0.15 / 14, 10);
    expect(pilotEffectFactor(6, ramp)).toBeCloseTo(0.925, 10);
    expect(pilotEffectFactor(13, ramp)).toBeCloseTo(0.85, 10);
    expect(pilotEffectFactor(120, ramp)).toBeCloseTo(0.85, 10);
    // the demo's own effect has no ramp: −15% from the first day
    expect(pilotEffectFactor(0, { relativeChange: -0.15, rampWeeks: 0 })).toBeCloseTo(0.85, 10);
    expect(pilotEffectFactor(-1, { relativeChange: -0.15, rampWeeks: 0 })).toBe(1);
  });
});

describe('the demo organisation e-mail usage', () => {
  const small = () => generateDemoOrganisation({ people: 120, departments: 5, days: 40, seed: 7 });

  it('is deterministic for a seed, differs between seeds, and leaves the events as they were', () => {
    expect(streamHash(small().usage())).toBe(streamHash(small().usage()));
    const other = generateDemoOrganisation({ people: 120, departments: 5, days: 40, seed: 8 });
    expect(streamHash(other.usage())).not.toBe(streamHash(small().usage()));
    // One metric alone is the same rows as with the other one.
    const sentOnly = [...small().usage({ metrics: ['email.sent'] })];
    expect(sentOnly.every((row) => row.metric === 'email.sent')).toBe(true);
    expect(streamHash(sentOnly)).toBe(
      streamHash([...small().usage()].filter((row) => row.metric === 'email.sent')),
    );
    expect([...small().usage({ metrics: [] })]).toEqual([]);
    // Reading usage first does not move the event stream (its own random stream).
    const demo = small();
    const before = streamHash(demo.events());
    for (const _ of demo.usage());
    expect(streamHash(demo.events())).toBe(before);
  });

  it('states the true effect: email.sent −15% from the pilot’s kick-off on, at once', () => {
    // 40 days from Monday 2026-01-05: 5 whole weeks, the kick-off one week in (pilotKickoffDay's minimum).
    expect(small().pilot.kickoff).toBe('2026-01-12');
    expect(small().truth.emailEffect).toEqual({
      metric: 'email.sent',
      relativeChange: -0.15,
      from: '2026-01-12',
      rampWeeks: 0,
    });
  });

  it('has usage only while people are employed, from 12 weeks before the start to the last day', () => {
    const demo = small();
    const people = new Map(demo.people.map((p) => [p.externalId, p]));
    const first = new Date(dayMs(demo.start) - 7 * EMAIL_HISTORY_WEEKS * DAY_MS).toISOString().slice(0, 10);
    const last = new Date(dayMs(demo.start) + (demo.days - 1) * DAY_MS).toISOString().slice(0, 10);
    const seen = new Set<string>();
    const workingDays = new Map<string, number>();
    let previous = '';
    // Plain checks inside the loop (thousands of rows).
    for (const row of demo.usage()) {
      const person = people.get(row.personExternalId)!;
      if (row.day < person.startDate || (person.endDate !== null && row.day >= person.endDate))
        throw new Error(`${row.personExternalId} ${row.day} outside employment`);
      if (row.day < first || row.day > last) throw new Error(`${row.day} outside ${first}..${last}`);
      if (row.day < previous) throw new Error(`${row.day} after ${previous}: not day by day`);
      if (!Number.isInteger(row.value) || row.value < 0) throw new Error(`${row.value} is not a count`);
      previous = row.day;
      const key = `${row.personExternalId} ${row.day} ${row.metric}`;
      if (seen.has(key)) throw new Error(`${key} twice`);
      seen.add(key);
      if (row.metric === 'email.sent' && !isOffDay(dayMs(row.day)))
        workingDays.set(row.personExternalId, (workingDays.get(row.personExternalId) ?? 0) + 1);
    }
    // 2025-10-13 (12 weeks before 2026-01-05) .. 2026-02-13 (day 39)
    expect([first, last]).toEqual(['2025-10-13', '2026-02-13']);
    expect(previous).toBe(last);
    // Everyone employed throughout has a row on each working day: 124 days = 17 weeks + 5 days
    // (Mon 10-13 .. Fri 02-13): 17 · 5 + 5 = 90 weekdays, less 25 and 26 December and 1 January = 87.
    const throughout = demo.people.filter((p) => p.startDate <= first && p.endDate === null);
    expect(throughout.length).toBeGreaterThan(100);
    expect(throughout.filter((p) => workingDays.get(p.externalId) !== 87)).toEqual([]);
    // A joiner's first figure is on or after their first day, a leaver's last one before their end date.
    const joiner = demo.people.find((p) => p.startDate > demo.start)!;
    const leaver = demo.people.find((p) => p.endDate !== null)!;
    expect(joiner).toBeDefined();
    expect(leaver).toBeDefined();
    const daysOf = (id: string) =>
      [...seen]
        .filter((key) => key.startsWith(`${id} `))
        .map((key) => key.split(' ')[1])
        .sort();
    expect(daysOf(joiner.externalId)[0] >= joiner.startDate).toBe(true);
    expect(daysOf(leaver.externalId).at(-1)! < leaver.endDate!).toBe(true);
  });

  it('expects about as many rows as it yields (the connector progress bar)', () => {
    const demo = small();
    const rows = [...demo.usage()].length;
    expect(Math.abs(demo.expectedUsage() - rows) / rows).toBeLessThan(0.02);
    const sent = [...demo.usage({ metrics: ['email.sent'] })].length;
    expect(Math.abs(demo.expectedUsage({ metrics: ['email.sent'] }) - sent) / sent).toBeLessThan(0.02);
  });

  describe('on the default demo (2,000 people, 182 days)', () => {
    const demo = generateDemoOrganisation();
    const pilot = new Set(
      demo.groups.find((g) => g.externalId === demo.pilot.groupExternalId)!.memberExternalIds,
    );
    /** Sent per person per week of the simulation (week 0 starts on `start`, a Monday). */
    const weekly = new Map<string, Map<number, number>>();
    let sentOnWorkingDays = 0;
    let workingDayRows = 0;
    let sentOnOffDays = 0;
    let readRows = 0;
    const offDays = new Set<string>();
    for (const row of demo.usage()) {
      if (row.metric === 'email.read') {
        readRows++;
        continue;
      }
      const week = Math.floor(dayIndex(demo, row.day) / 7);
      const weeks = weekly.get(row.personExternalId) ?? new Map<number, number>();
      weeks.set(week, (weeks.get(week) ?? 0) + row.value);
      weekly.set(row.personExternalId, weeks);
      if (isOffDay(dayMs(row.day))) {
        sentOnOffDays += row.value;
        offDays.add(row.day);
      } else {
        sentOnWorkingDays += row.value;
        workingDayRows++;
      }
    }
    /** People employed on each off day of the usage period. */
    const employedOnOffDays: number[] = [];
    for (let day = -7 * EMAIL_HISTORY_WEEKS; day < demo.days; day++) {
      const iso = new Date(dayMs(demo.start) + day * DAY_MS).toISOString().slice(0, 10);
      if (!isOffDay(dayMs(iso))) continue;
      employedOnOffDays.push(
        demo.people.filter((p) => p.startDate <= iso && (p.endDate === null || iso < p.endDate)).length,
      );
    }

    /** Mean over the group's people of their mean weekly sent in weeks [from, to]. */
    const groupMean = (inPilot: boolean, from: number, to: number, people: readonly string[]) => {
      const means = people
        .filter((id) => pilot.has(id) === inPilot)
        .map((id) => {
          const weeks = [...weekly.get(id)!].filter(([w]) => w >= from && w <= to).map(([, v]) => v);
          return weeks.reduce((a, b) => a + b, 0) / weeks.length;
        });
      return means.reduce((a, b) => a + b, 0) / means.length;
    };

    it('sends about 22 e-mails on a working day, more at higher levels, and reads more than it sends', () => {
      const perDay = sentOnWorkingDays / workingDayRows;
      // 22 · level mix (mostly staff: factor 1; leads 1.25, heads 1.45), times the calendar (0.9..1, Easter)
      expect(perDay).toBeGreaterThan(18);
      expect(perDay).toBeLessThan(26);
      const total = (id: string) => [...weekly.get(id)!.values()].reduce((a, b) => a + b, 0);
      const meanOf = (level: (l: number) => boolean) => {
        const ids = demo.people
          .filter((p) => level(p.level) && p.endDate === null && p.startDate < demo.start)
          .map((p) => p.externalId);
        return ids.reduce((sum, id) => sum + total(id), 0) / ids.length;
      };
      expect(meanOf((l) => l <= 3) / meanOf((l) => l === 4)).toBeGreaterThan(1.1);
      // a read row for every sent row on working days (off days have a few of each)
      expect(Math.abs(readRows - workingDayRows) / workingDayRows).toBeLessThan(0.05);
    });

    it('has weekends and public holidays at about 5% of a working day, on few rows', () => {
      // A tenth of the people mail on an off day, at half a working day's volume: 0.1 · 0.5 = 5%.
      const perOffDay = sentOnOffDays / employedOnOffDays.reduce((a, b) => a + b, 0);
      const perWorkingDay = sentOnWorkingDays / workingDayRows;
      expect(perOffDay / perWorkingDay).toBeGreaterThan(0.035);
      expect(perOffDay / perWorkingDay).toBeLessThan(0.065);
      // 266 days from 2025-10-13: 38 weekends (76 days) and 6 holidays on weekdays, all with someone mailing
      expect(employedOnOffDays).toHaveLength(82);
      expect(offDays.size).toBe(82);
    });

    it('holds the true effect: a simple DiD finds −15% within 2 points, a naive before/after does not', () => {
      // The kick-off opens week 20 (Monday 2026-05-25, day 140): the 8 weeks before it (12..19, with Easter)
      // against the pilot's weeks in the history after any ramp (none: 20..25, to the last complete week).
      const { rampWeeks, relativeChange } = demo.truth.emailEffect;
      const kickoffWeek = dayIndex(demo, demo.truth.emailEffect.from) / 7;
      expect(kickoffWeek).toBe(20);
      const [preFrom, preTo] = [kickoffWeek - 8, kickoffWeek - 1];
      const [postFrom, postTo] = [kickoffWeek + rampWeeks, 25];
      const both = [...weekly]
        .filter(([, weeks]) => [...weeks.keys()].some((w) => w >= preFrom && w <= preTo))
        .filter(([, weeks]) => [...weeks.keys()].some((w) => w >= postFrom && w <= postTo))
        .map(([id]) => id);
      expect(both.filter((id) => pilot.has(id)).length).toBeGreaterThan(300);
      const pilotPre = groupMean(true, preFrom, preTo, both);
      const pilotPost = groupMean(true, postFrom, postTo, both);
      const restPre = groupMean(false, preFrom, preTo, both);
      const restPost = groupMean(false, postFrom, postTo, both);
      // DiD relative to the pilot's pre mean, as the business case reports it; seed 42: −16.6%
      const did = (pilotPost - pilotPre - (restPost - restPre)) / pilotPre;
      expect(Math.abs(did - relativeChange)).toBeLessThan(0.02);
      // The calendar moves everyone: the rest changes by several percent without any effect (seed 42: +10.3%:
      // Easter and its holidays in the pre weeks outweigh the slow decline into summer), so the naive pilot
      // figure (seed 42: −6.6%) is more than 2 points off the truth.
      expect(Math.abs(restPost / restPre - 1)).toBeGreaterThan(0.02);
      const naive = pilotPost / pilotPre - 1;
      expect(Math.abs(naive - relativeChange)).toBeGreaterThan(0.025);
      expect(Math.abs(naive - did)).toBeGreaterThan(0.025);
    });
  });
});
