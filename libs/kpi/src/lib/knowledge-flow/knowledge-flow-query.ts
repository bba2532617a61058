import type { KnowledgeFlowReport, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { disclosureOfScope, toPopulation } from '../core/population';
import { loadUnitNodes } from '../core/top-units';
import { suppressionReason } from '../disclosure/suppression';
import { departmentsOf } from './departments';
import { knowledgeFlow } from './knowledge-flow';
import { loadFlow, loadLevels } from './knowledge-flow-sql';
import { leadershipLevels } from './leadership';

/**
 * Knowledge flow and the leadership example of a scope. The population decides by the thread's author: the
 * figures describe how the population's threads get answered (by whom, across which boundaries), which is
 * what a unit or a pilot group wants to know. Filtering on "author or responder" would mix in threads of
 * outsiders the population merely answered, so the matrix's rows would no longer be the population's own
 * questions and a unit's view would not add up to anything; those answers show in the organisation's view,
 * as the responding unit's `answersToOthers`.
 */
export async function queryKnowledgeFlowReport(
  dataSource: DataSource,
  scope: KpiScope,
): Promise<KnowledgeFlowReport> {
  const population = toPopulation(scope);
  const { from, to } = scope;
  const nodes = await loadUnitNodes(dataSource, scope.organisationId);
  const query = { population, from, to, departments: departmentsOf(nodes, scope.orgUnitId) };
  const [{ cells, units, shares }, levels] = await Promise.all([
    loadFlow(dataSource, query),
    loadLevels(dataSource, population, from, to),
  ]);
  const rule = disclosureOfScope(scope);
  const names = new Map(nodes.map((node) => [node.id, node.name]));
  const { suppressed, ...flow } = knowledgeFlow({ cells, units, shares, from, to }, names, rule);
  const leadership = leadershipLevels(levels, rule);
  const anyHidden = suppressed !== undefined || leadership.some((level) => level.suppressed);
  return { scope, ...flow, leadership, ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}) };
}
