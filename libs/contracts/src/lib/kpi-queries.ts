import { z } from 'zod';
import { dateRangeQueryShape } from './activity';
import { oneOf, queryInteger, queryNumber, uuid } from './fields';
import { GRANULARITIES } from './kpis';

/** Lists are capped at 200 rows a request. */
export const limitQueryShape = { limit: queryInteger({ min: 1, max: 200 }).default(50) };

/** A capped list of rows with increasing numeric ids, newest first, continued with `before`. */
export const listQueryShape = {
  ...limitQueryShape,
  before: z
    .string()
    .regex(/^\d{1,18}$/, { error: 'must be an id from a previous page' })
    .optional()
    .describe('Continue after this id (exclusive)'),
};

/** Filters shared by every KPI endpoint (`?from=&to=&granularity=&orgUnitId=&groupId=&phaseId=`). */
export const kpiQueryShape = {
  ...dateRangeQueryShape,
  granularity: oneOf(GRANULARITIES).default('week').describe('Weeks run Monday to Sunday'),
  orgUnitId: uuid().optional().describe('Only people in this org unit and the units below it'),
  groupId: uuid().optional().describe('Only members of this group (e.g. the pilot cohort)'),
  phaseId: uuid()
    .optional()
    .describe("Only the people a rollout phase targets (the phase's cohort); not combined with groupId"),
};
export const kpiQuerySchema = z.strictObject(kpiQueryShape);
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export const retentionQuerySchema = z.strictObject({
  ...kpiQueryShape,
  silentWeeks: queryInteger({ min: 1, max: 26 }).default(4).describe('Silent weeks that count as stopped'),
});
export type RetentionQuery = z.infer<typeof retentionQuerySchema>;

export const networkPeopleQuerySchema = z.strictObject({
  ...kpiQueryShape,
  top: queryInteger({ min: 1, max: 200 }).default(20),
});
export type NetworkPeopleQuery = z.infer<typeof networkPeopleQuerySchema>;

export const diffusionQuerySchema = z.strictObject({
  ...kpiQueryShape,
  targetShare: queryNumber({ min: 0.01, max: 1 }).default(0.6).describe('Adoption share to forecast'),
  horizonWeeks: queryInteger({ min: 1, max: 520 }).default(104).describe('Weeks ahead to look'),
});
export type DiffusionQuery = z.infer<typeof diffusionQuerySchema>;

/** The KPI filters plus the shared list cap (`limit`, at most 200). */
export const peopleQuerySchema = z.strictObject({ ...kpiQueryShape, ...limitQueryShape });
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;
