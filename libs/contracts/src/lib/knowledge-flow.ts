import { z } from 'zod';
import { day, uuid } from './fields';
import { kpiScopeSchema } from './kpis';
import { suppressedSchema } from './privacy';

/**
 * Knowledge flow: who answers whose threads. A thread's first response by someone else links the unit of the
 * person who answered to the unit of the thread's author. Cells resting on fewer than k people on either side
 * are withheld (counted in `hiddenCells`).
 */
const figure = (description: string) => z.number().nullable().describe(description);

export const knowledgeFlowCellSchema = z.object({
  askerOrgUnitId: uuid().nullable().describe('Unit of the thread’s author (top-level department)'),
  responderOrgUnitId: uuid().nullable().describe('Unit of the first responder'),
  threads: z.number().describe('Threads of `asker` people first answered by `responder` people'),
});
export type KnowledgeFlowCell = z.infer<typeof knowledgeFlowCellSchema>;

export const knowledgeFlowUnitSchema = z.object({
  orgUnitId: uuid().nullable(),
  name: z.string(),
  threadsStarted: figure('Threads started by the unit’s people'),
  answersToOthers: figure('Threads of other units the unit’s people answered first'),
  answeredByOthers: figure('Threads of the unit first answered by other units'),
  expertiseRatio: figure('answersToOthers / threadsStarted (1 = answers as much as it asks)'),
  hiddenExpertise: z
    .boolean()
    .nullable()
    .describe(
      'Answers at least twice as many of other units’ threads as it starts, with at least 10 answers',
    ),
  suppressed: suppressedSchema,
});
export type KnowledgeFlowUnit = z.infer<typeof knowledgeFlowUnitSchema>;

export const knowledgeFlowMonthSchema = z.object({
  month: day.describe('First day of the month'),
  answeredThreads: figure('Threads first answered by someone else in the month'),
  crossDepartmentShare: figure('Share answered by someone of another department'),
  crossCompanyShare: figure('Share answered by someone of another legacy company (merger integration)'),
  suppressed: suppressedSchema,
});
export type KnowledgeFlowMonth = z.infer<typeof knowledgeFlowMonthSchema>;

export const leadershipLevelSchema = z.object({
  level: z.number().int().nullable().describe('Hierarchy level (1 = top); null = unknown'),
  people: figure('People at this level in the population'),
  activeShare: figure('Share of them active in the range'),
  postsPerPerson: figure('Posts and questions per person of the level'),
  repliesPerPerson: figure('Replies and answers per person'),
  repliesToStaff: figure('Responses to people of a lower level (higher number), per person'),
  repliesToLeaders: figure('Responses to people of a higher level (lower number), per person'),
  reachPerActive: figure('Distinct people interacted with, per active person of the level'),
  suppressed: suppressedSchema,
});
export type LeadershipLevel = z.infer<typeof leadershipLevelSchema>;

export const knowledgeFlowReportSchema = z.object({
  scope: kpiScopeSchema,
  answeredThreads: figure('Threads started in the range and first answered by someone else'),
  crossDepartmentShare: figure('Share of them answered by someone of another department'),
  crossCompanyShare: figure('Share answered by someone of another legacy company'),
  units: z.array(knowledgeFlowUnitSchema),
  cells: z.array(knowledgeFlowCellSchema).describe('The unit × unit matrix of first responses'),
  hiddenCells: z.number().describe('Cells withheld because a side rests on fewer than k people'),
  byMonth: z.array(knowledgeFlowMonthSchema),
  leadership: z
    .array(leadershipLevelSchema)
    .describe('Leadership example: activity and reach by hierarchy level'),
  suppressed: suppressedSchema,
});
export type KnowledgeFlowReport = z.infer<typeof knowledgeFlowReportSchema>;
