import { SeededRandom } from './random';
import { DAY_MS, type PersonPlan } from './simulation';

/**
 * The demo company's e-mail usage (what the Microsoft 365 e-mail activity report gives a real customer): a
 * daily 'email.sent' and 'email.read' per person. It exists so the measured business case (issue 16) has a
 * baseline for everyone and a true, known effect to recover: pilot members send fewer e-mails from the
 * pilot's kick-off on, nobody else changes, and a calendar everyone shares (the Christmas holidays, a slow decline
 * into summer, Easter) makes a naive before/after of the pilot wrong, so only a comparison group finds it.
 *
 * Drawn from a random stream of its own, so the directory and the activity events stay exactly the same.
 */

export type EmailMetric = 'email.sent' | 'email.read';

/** One person's figure of one day, as a usage record (only while the person is employed). */
export interface DemoUsage {
  personExternalId: string;
  /** ISO day (UTC). */
  day: string;
  metric: EmailMetric;
  /** A whole number of e-mails. */
  value: number;
}

/** The pilot's true e-mail effect, for tests and benchmarks (what the business case should find). */
export interface EmailEffectTruth {
  metric: 'email.sent';
  /**
   * Relative to what a pilot member would have sent without the pilot (the calendar applies to them as to
   * everyone): 15% fewer. Nobody outside the pilot changes, and 'email.read' carries no effect.
   */
  relativeChange: -0.15;
  /** The pilot's kick-off (the demo's `pilot.kickoff`): the first day with an effect. */
  from: string;
  /**
   * The effect ramps in linearly over this many weeks: on day d (0-based from `from`) within them the
   * change is relativeChange × (d + 1) / (7 × rampWeeks); from day 7 × rampWeeks on it is relativeChange.
   * The demo's is 0 (full from the first day), so the business case's default windows (8 weeks before and
   * after the phase start; the demo's history has 6 weeks after it) find the whole effect.
   */
  rampWeeks: number;
}

/** Mail existed before the network: usage starts this many weeks before the demo's start. */
export const EMAIL_HISTORY_WEEKS = 12;
/** The pilot's true effect (`from` is the kick-off): what simulateEmailUsage applies to pilot members. */
export const EMAIL_EFFECT: Omit<EmailEffectTruth, 'from'> = {
  metric: 'email.sent',
  relativeChange: -0.15,
  rampWeeks: 0,
};

/** E-mails a staff member (level 4) sends on a typical working day, before personal variation. */
const TYPICAL_SENT_PER_DAY = 22;
/** Managers write more: the CEO, heads and team leads relative to staff. */
const LEVEL_FACTOR: Record<PersonPlan['person']['level'], number> = { 1: 1.6, 2: 1.45, 3: 1.25, 4: 1 };
/** Spread of personal rates (sd of the log): the busiest tenth sends about twice the median. */
const PERSON_SPREAD = 0.45;
/** Read e-mails per sent one, on average (people read far more than they write). */
const READ_PER_SENT = 2.4;
/** Day-to-day variation of a person's rate (sd of the log): meetings, travel, busy days. */
const DAY_SPREAD = 0.2;
/**
 * On a weekend day or public holiday a tenth of the people look at mail, at half a working day's volume:
 * about 5% of a working day in all, and few rows (a day without mail has no row, as in the report).
 */
const OFF_DAY_WORKERS = 0.1;
const OFF_DAY_VOLUME = 0.5;

/** Easter Sunday of a year (Gregorian, the anonymous algorithm of Meeus/Jones/Butcher), as UTC ms. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** Public holidays the two legacy companies share: New Year, Good Friday, Easter Monday, 1 May, Christmas. */
export function isPublicHoliday(dayMs: number): boolean {
  const date = new Date(dayMs);
  const monthDay = `${date.getUTCMonth() + 1}-${date.getUTCDate()}`;
  if (['1-1', '5-1', '12-25', '12-26'].includes(monthDay)) return true;
  const easter = easterSunday(date.getUTCFullYear());
  return dayMs === easter - 2 * DAY_MS || dayMs === easter + DAY_MS;
}

/** A day without regular work: Saturday, Sunday or a public holiday. */
export function isOffDay(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  return weekday === 0 || weekday === 6 || isPublicHoliday(dayMs);
}

/** Day of the year (0-based) on which the yearly cycle of e-mail volume peaks: 1 December. */
const BUSIEST_DAY_OF_YEAR = 334;

/**
 * The calendar everyone shares, as a factor on a working day's e-mail volume (off days come on top):
 * - a yearly cycle, highest at the start of December and 10% lower at the start of June: a slow decline
 *   into summer;
 * - Easter: the week before and the week after Easter Sunday at 85% (leave), besides its two holidays.
 * With Easter or the Christmas holidays in the weeks before a pilot's kick-off (Easter for the default
 * demo's, 25 May 2026), its naive before/after is off by several points; the comparison group has the same calendar, so a difference-in-differences is not.
 */
export function calendarFactor(dayMs: number): number {
  const year = new Date(dayMs).getUTCFullYear();
  const dayOfYear = (dayMs - Date.UTC(year, 0, 1)) / DAY_MS;
  const summer = (1 - Math.cos((2 * Math.PI * (dayOfYear - BUSIEST_DAY_OF_YEAR)) / 365)) / 2;
  let factor = 1 - 0.1 * summer;
  const fromEaster = (dayMs - easterSunday(year)) / DAY_MS;
  if (fromEaster >= -7 && fromEaster <= 7) factor *= 0.85;
  return factor;
}

/** The pilot's factor on e-mails sent on day `day` from the kick-off (1 before it, 0.85 after the ramp). */
export function pilotEffectFactor(
  day: number,
  effect: Pick<EmailEffectTruth, 'relativeChange' | 'rampWeeks'>,
) {
  if (day < 0) return 1;
  const rampDays = 7 * effect.rampWeeks;
  const share = rampDays === 0 ? 1 : Math.min(1, (day + 1) / rampDays);
  return 1 + effect.relativeChange * share;
}

interface Mailbox {
  plan: PersonPlan;
  /** Employed on simulation days [firstDay, endDay). */
  firstDay: number;
  endDay: number;
  sentPerDay: number;
  readPerDay: number;
}

/** Log-normal factor with median 1 scaled so its mean is 1 (a person's rate, a day's variation). */
function meanOneLogNormal(random: SeededRandom, sd: number): number {
  return Math.exp(sd * random.normal() - (sd * sd) / 2);
}

/** Each person's employment and own rates, drawn once in directory order (typical rates without `random`). */
function mailboxes(plans: readonly PersonPlan[], startMs: number, random: SeededRandom | null): Mailbox[] {
  const spread = (sd: number) => (random ? meanOneLogNormal(random, sd) : 1);
  return plans.map((plan) => {
    const sentPerDay = TYPICAL_SENT_PER_DAY * LEVEL_FACTOR[plan.person.level] * spread(PERSON_SPREAD);
    return {
      plan,
      firstDay: Math.round((Date.parse(`${plan.person.startDate}T00:00:00Z`) - startMs) / DAY_MS),
      endDay: plan.endDay,
      sentPerDay,
      readPerDay: sentPerDay * READ_PER_SENT * spread(0.3),
    };
  });
}

/**
 * About how many rows simulateEmailUsage yields (for a progress bar): exact on working days, the expected
 * share of people mailing on off days (a few of them send nothing and have no row).
 */
export function expectedEmailUsageRows(
  plans: readonly PersonPlan[],
  settings: { startMs: number; days: number; metrics?: readonly EmailMetric[] },
): number {
  const people = mailboxes(plans, settings.startMs, null);
  const metrics = settings.metrics?.length ?? 2;
  let rows = 0;
  for (let day = -7 * EMAIL_HISTORY_WEEKS; day < settings.days; day++) {
    const employed = people.filter((person) => day >= person.firstDay && day < person.endDay).length;
    rows += employed * (isOffDay(settings.startMs + day * DAY_MS) ? OFF_DAY_WORKERS : 1);
  }
  return Math.round(rows * metrics);
}

/**
 * Day by day from EMAIL_HISTORY_WEEKS before the start to the last simulated day, in directory order, sent
 * before read: a working day has a row per employed person and metric (a 0 too, as the report has); an off
 * day only for the few who mail then. `metrics` picks the figures yielded (default both). Memory: the
 * directory's rates, nothing per day.
 */
export function* simulateEmailUsage(
  plans: readonly PersonPlan[],
  settings: {
    startMs: number;
    days: number;
    seed: number;
    /** Day index of the pilot's kick-off: pilot members send fewer e-mails from it on. */
    pilotStartDay: number;
    metrics?: readonly EmailMetric[];
  },
): Generator<DemoUsage> {
  // Both figures are always drawn, so leaving one out does not change the other.
  const withSent = settings.metrics?.includes('email.sent') ?? true;
  const withRead = settings.metrics?.includes('email.read') ?? true;
  const random = new SeededRandom(settings.seed);
  const people = mailboxes(plans, settings.startMs, random);
  for (let day = -7 * EMAIL_HISTORY_WEEKS; day < settings.days; day++) {
    const dayMs = settings.startMs + day * DAY_MS;
    const iso = new Date(dayMs).toISOString().slice(0, 10);
    const off = isOffDay(dayMs);
    const calendar = calendarFactor(dayMs);
    const pilotFactor = pilotEffectFactor(day - settings.pilotStartDay, EMAIL_EFFECT);
    for (const person of people) {
      if (day < person.firstDay || day >= person.endDay) continue;
      if (off && !random.chance(OFF_DAY_WORKERS)) continue;
      const volume = calendar * (off ? OFF_DAY_VOLUME : 1) * meanOneLogNormal(random, DAY_SPREAD);
      const sent = random.poisson(person.sentPerDay * volume * (person.plan.pilot ? pilotFactor : 1));
      const read = random.poisson(person.readPerDay * volume);
      const id = person.plan.person.externalId;
      if (withSent && (!off || sent > 0))
        yield { personExternalId: id, day: iso, metric: 'email.sent', value: sent };
      if (withRead && (!off || read > 0))
        yield { personExternalId: id, day: iso, metric: 'email.read', value: read };
    }
  }
}
