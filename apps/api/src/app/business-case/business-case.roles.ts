import type { Role } from '@uptake/persistence';

/**
 * Who may change the business case (interventions, a goal's measurement and baseline, a plan's programme
 * cost): the goals' editors, admins and change managers. Executives read it (KPI_READERS).
 */
export const BUSINESS_CASE_EDITORS: Role[] = ['admin', 'change_manager'];

/** What every effect endpoint says about its figures. */
export const EFFECT_DESCRIPTION =
  'Windows: preWeeks complete weeks before the start week; postWeeks from the start week on (default and at most: every complete week since the start, up to 52 — the current week is incomplete and never used). ' +
  'The 95% interval is a person-level cluster bootstrap (1,000 replicates) seeded by the first 32 bits of the phase’s or intervention’s id, so the same request gives the same interval. ' +
  'No estimate with fewer than max(30, k) people with data before and after the start in either group (estimable false, reason too-few-people); weekly means resting on 1..k-1 people are withheld. ' +
  'Metrics measurable today: usage:<metric> and emails_sent_per_person_per_week (usage:email.sent), for one treated group; others are a 422.';
