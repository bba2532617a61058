import { createHash } from 'node:crypto';
import { generateDemoOrganisation, type DemoEvent, type DemoOrganisation } from './demo-organisation';

function fingerprint(demo: DemoOrganisation, events: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(demo.people));
  hash.update(JSON.stringify(demo.groups));
  let n = 0;
  for (const event of demo.events()) {
    hash.update(JSON.stringify(event));
    if (++n >= events) break;
  }
  return hash.digest('hex');
}

const WEEK = 7;

describe('the demo organisation', () => {
  const demo = generateDemoOrganisation();
  const events: DemoEvent[] = [...demo.events()];
  const person = new Map(demo.people.map((p) => [p.externalId, p]));

  it('is deterministic for a seed and differs between seeds', () => {
    expect(fingerprint(generateDemoOrganisation({ seed: 42 }), 20_000)).toBe(
      fingerprint(generateDemoOrganisation({ seed: 42 }), 20_000),
    );
    expect(fingerprint(generateDemoOrganisation({ seed: 43 }), 20_000)).not.toBe(
      fingerprint(generateDemoOrganisation({ seed: 42 }), 20_000),
    );
  });

  it('has the stated size: 2,000 people evenly in 12 departments under divisions', () => {
    expect(demo.people).toHaveLength(2000);
    const departments = demo.orgUnits.filter((u) => u.kind === 'department');
    expect(departments).toHaveLength(12);
    const sizes = departments.map(
      (d) => demo.people.filter((p) => p.orgUnitExternalId === d.externalId).length,
    );
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const divisions = new Set(demo.orgUnits.filter((u) => u.kind === 'division').map((u) => u.externalId));
    expect(divisions.size).toBeGreaterThanOrEqual(3);
    expect(departments.every((d) => d.parentExternalId !== null && divisions.has(d.parentExternalId))).toBe(
      true,
    );
    expect(generateDemoOrganisation({ people: 1003, departments: 10 }).people).toHaveLength(1003);
  });

  it('has four hierarchy levels forming one management tree', () => {
    const levels = new Map<number, number>();
    for (const p of demo.people) levels.set(p.level, (levels.get(p.level) ?? 0) + 1);
    expect([...levels.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(levels.get(1)).toBe(1);
    for (const p of demo.people) {
      if (p.level === 1) {
        expect(p.managerExternalId).toBeNull();
        continue;
      }
      const manager = person.get(p.managerExternalId as string);
      expect(manager?.level).toBe(p.level - 1);
    }
  });

  it('merges two legacy companies with a different mix per department', () => {
    const legacy = demo.orgUnits.filter((u) => u.kind === 'legacy_company');
    expect(legacy.map((u) => u.name)).toEqual(['Northwind', 'Contoso']);
    const shares = demo.orgUnits
      .filter((u) => u.kind === 'department')
      .map((d) => {
        const members = demo.people.filter((p) => p.orgUnitExternalId === d.externalId);
        return members.filter((p) => p.legacyCompanyExternalId === 'lc-northwind').length / members.length;
      });
    expect(Math.max(...shares)).toBeGreaterThan(0.75);
    expect(Math.min(...shares)).toBeLessThan(0.25);
  });

  it('adopts along an S-curve in the two pilot departments, later and less elsewhere', () => {
    const pilot = new Set(
      demo.people
        .filter((p) => demo.pilot.departmentExternalIds.includes(p.orgUnitExternalId))
        .map((p) => p.externalId),
    );
    expect(demo.pilot.departmentExternalIds).toHaveLength(2);
    expect(
      demo.groups.find((g) => g.externalId === demo.pilot.groupExternalId)?.memberExternalIds.length,
    ).toBe(pilot.size);

    // first activity per person, observed from the events themselves
    const first = new Map<string, number>();
    for (const event of events) {
      if (!first.has(event.actorExternalId))
        first.set(
          event.actorExternalId,
          Math.floor((event.occurredAt.getTime() - Date.parse(`${demo.start}T00:00:00Z`)) / 86_400_000),
        );
    }
    const weeks = Math.ceil(demo.days / WEEK);
    const weeklyNew = Array.from({ length: weeks }, () => 0);
    for (const [id, day] of first) if (pilot.has(id)) weeklyNew[Math.floor(day / WEEK)]++;
    const total = weeklyNew.reduce((a, b) => a + b, 0);
    expect(total / pilot.size).toBeGreaterThan(0.75);
    const cumulative = weeklyNew.map((_, i) => weeklyNew.slice(0, i + 1).reduce((a, b) => a + b, 0) / total);
    // slow start, fast middle, saturation
    expect(cumulative[1]).toBeLessThan(0.15);
    expect(cumulative[8]).toBeGreaterThan(0.7);
    const peakWeek = weeklyNew.indexOf(Math.max(...weeklyNew));
    expect(peakWeek).toBeGreaterThanOrEqual(2);
    expect(peakWeek).toBeLessThanOrEqual(8);

    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const pilotDays = [...first].filter(([id]) => pilot.has(id)).map(([, d]) => d);
    const restDays = [...first].filter(([id]) => !pilot.has(id)).map(([, d]) => d);
    expect(median(restDays)).toBeGreaterThan(median(pilotDays) + 8 * WEEK);
    expect(restDays.length / (demo.people.length - pilot.size)).toBeLessThan(0.6);
  });

  it('has people who try and stop', () => {
    const lastDay = new Map<string, number>();
    const firstDay = new Map<string, number>();
    const startMs = Date.parse(`${demo.start}T00:00:00Z`);
    for (const event of events) {
      const day = Math.floor((event.occurredAt.getTime() - startMs) / 86_400_000);
      if (!firstDay.has(event.actorExternalId)) firstDay.set(event.actorExternalId, day);
      lastDay.set(event.actorExternalId, day);
    }
    const stopped = [...firstDay].filter(([id, first]) => {
      const p = person.get(id)!;
      const left = p.endDate !== null;
      return (
        !left &&
        first < demo.days - 8 * WEEK &&
        lastDay.get(id)! - first <= 4 * WEEK &&
        lastDay.get(id)! < demo.days - 6 * WEEK
      );
    });
    expect(stopped.length / firstDay.size).toBeGreaterThan(0.05);
    expect(stopped.length / firstDay.size).toBeLessThan(0.25);
  });

  it('has champions with far more reach than a typical adopter', () => {
    const reach = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.targetActorExternalId && ['reply', 'mention', 'answer'].includes(event.type)) {
        const targets = reach.get(event.actorExternalId) ?? new Set();
        targets.add(event.targetActorExternalId);
        reach.set(event.actorExternalId, targets);
      }
    }
    const sizes = [...reach.values()].map((s) => s.size).sort((a, b) => a - b);
    const medianReach = sizes[Math.floor(sizes.length / 2)];
    expect(demo.truth.champions).toHaveLength(6);
    for (const champion of demo.truth.champions)
      expect(reach.get(champion)!.size).toBeGreaterThan(medianReach * 5);
  });

  it('has replies that cross departments and legacy companies, and never targets oneself', () => {
    const interactions = events.filter(
      (e) => e.targetActorExternalId && ['reply', 'reaction', 'mention'].includes(e.type),
    );
    expect(interactions.every((e) => e.targetActorExternalId !== e.actorExternalId)).toBe(true);
    const crossing = (key: 'orgUnitExternalId' | 'legacyCompanyExternalId') =>
      interactions.filter(
        (e) => person.get(e.actorExternalId)![key] !== person.get(e.targetActorExternalId!)![key],
      ).length / interactions.length;
    expect(crossing('orgUnitExternalId')).toBeGreaterThan(0.1);
    expect(crossing('orgUnitExternalId')).toBeLessThan(0.7);
    expect(crossing('legacyCompanyExternalId')).toBeGreaterThan(0.05);
  });

  it('keeps participation unequal: in a month most active people only read or react', () => {
    const startMs = Date.parse(`${demo.start}T00:00:00Z`);
    const month = events.filter((e) => {
      const day = (e.occurredAt.getTime() - startMs) / 86_400_000;
      return day >= 120 && day < 150;
    });
    const active = new Set(month.map((e) => e.actorExternalId));
    const creations = month.filter((e) => e.type === 'post' || e.type === 'reply');
    const creators = new Map<string, number>();
    for (const e of creations) creators.set(e.actorExternalId, (creators.get(e.actorExternalId) ?? 0) + 1);
    expect(creators.size / active.size).toBeLessThan(0.4);
    // the top 10% of creators write more than half of all posts and replies
    const sorted = [...creators.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / creations.length).toBeGreaterThan(0.5);
  });

  it('produces events in time order, within employment, with replies after their thread', () => {
    const seen = new Set<string>();
    let previous = 0;
    // Plain checks inside the loop: one expect() per event made this the slowest unit test by far.
    for (const event of events) {
      if (event.occurredAt.getTime() < previous) throw new Error(`${event.externalId} out of time order`);
      previous = event.occurredAt.getTime();
      const p = person.get(event.actorExternalId)!;
      const day = event.occurredAt.toISOString().slice(0, 10);
      if (day < p.startDate || (p.endDate && day >= p.endDate))
        throw new Error(`${event.externalId} outside employment of ${p.externalId}`);
      if (event.threadExternalId && !seen.has(event.threadExternalId))
        throw new Error(`${event.externalId} before its thread`);
      seen.add(event.externalId);
    }
    expect(new Set(events.map((e) => e.externalId)).size).toBe(events.length);
    expect(demo.people.some((p) => p.startDate > demo.start)).toBe(true);
    expect(demo.people.some((p) => p.endDate !== null)).toBe(true);
  });

  it('has busier weekdays than weekends', () => {
    const weekend = events.filter((e) => [0, 6].includes(e.occurredAt.getUTCDay())).length;
    expect(weekend / events.length).toBeLessThan(0.05);
  });

  it('scales to a target event count within 5%', () => {
    const small = generateDemoOrganisation({ people: 300, seed: 3 });
    let count = 0;
    for (const _ of small.events({ targetEvents: 60_000 })) count++;
    expect(Math.abs(count - 60_000) / 60_000).toBeLessThan(0.05);
  });

  it('rejects impossible options with the option named', () => {
    expect(() => generateDemoOrganisation({ people: 10 })).toThrow(/people must be/);
    expect(() => generateDemoOrganisation({ start: '2026-02-31x' })).toThrow(/start must be an ISO date/);
    expect(() => generateDemoOrganisation({ departments: 40 })).toThrow(/departments must be between/);
  });
});
