import type { SeededRandom } from './random';

/**
 * What the demo's two simulations (the company-wide one in demo-organisation.ts and the community stories in
 * community-stories.ts) share: a person's plan and the calendar. Internal to the library (not exported by its
 * index): the public shapes are those of demo-organisation.ts.
 */

export const DAY_MS = 86_400_000;

export type Persona = 'champion' | 'creator' | 'contributor' | 'lurker';

export interface DemoPerson {
  externalId: string;
  orgUnitExternalId: string;
  legacyCompanyExternalId: string;
  managerExternalId: string | null;
  level: 1 | 2 | 3 | 4;
  location: string;
  startDate: string;
  endDate: string | null;
}

export interface PersonPlan {
  person: DemoPerson;
  departmentIndex: number;
  startDay: number;
  endDay: number;
  adoptionDay: number | null;
  stopDay: number;
  persona: Persona;
  pilot: boolean;
  groups: string[];
}

export function isWeekend(startMs: number, day: number): boolean {
  const weekday = new Date(startMs + day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Whether the company-wide simulation has the person active on `day` (adopted, not stopped, employed). */
export function activeOn(plan: PersonPlan, day: number): boolean {
  return plan.adoptionDay !== null && day >= plan.adoptionDay && day < plan.stopDay && day < plan.endDay;
}

export function workingTime(random: SeededRandom, dayStart: number): number {
  // Mostly 07:00-18:00 UTC, a few evening moments.
  const hour = random.chance(0.93) ? 7 + random.next() * 11 : 18 + random.next() * 4;
  return dayStart + Math.floor(hour * 3_600_000);
}
