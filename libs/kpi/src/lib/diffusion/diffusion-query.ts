import type { DiffusionReport, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers } from '../core/members';
import { disclosureOfScope, toPopulation } from '../core/population';
import { diffusionReport, type DiffusionOptions } from './diffusion-report';

/** Diffusion of a scope up to its end: only first active days count, so members need no last active day. */
export async function queryDiffusionReport(
  dataSource: DataSource,
  scope: KpiScope,
  options: DiffusionOptions,
): Promise<DiffusionReport> {
  const members = await loadMembers(dataSource, toPopulation(scope), scope.to, { lastActiveDay: false });
  return { scope, ...diffusionReport(members, scope.to, disclosureOfScope(scope), options) };
}
