import type { KpiScope, PersonasReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadActivityBits } from '../core/person-month';
import { disclosureOfScope, toPopulation } from '../core/population';
import { loadUnitNodes, topUnitsOf } from '../core/top-units';
import { habitualPeople, habitWindow, personasReportOf } from './behaviour-personas';
import { loadBehaviour } from './personas-data';

/** Behaviour personas, habits and personas per top-level unit of a scope, from the rollups. */
export async function queryPersonasReport(dataSource: DataSource, scope: KpiScope): Promise<PersonasReport> {
  const population = toPopulation(scope);
  const window = habitWindow(scope.to);
  const [behaviour, bits, units] = await Promise.all([
    loadBehaviour(dataSource, population, scope.from, scope.to),
    loadActivityBits(dataSource, population, window.start, window.end),
    loadUnitNodes(dataSource, scope.organisationId),
  ]);
  const habitual = habitualPeople(bits, scope.to);
  const people = behaviour.map((row) => ({ ...row, habitual: habitual.has(row.id) }));
  return personasReportOf(scope, people, topUnitsOf(units, scope.orgUnitId), disclosureOfScope(scope));
}
