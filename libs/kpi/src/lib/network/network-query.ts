import type { KpiScope, NetworkPeopleReport, NetworkReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadUnitNames } from '../core/members';
import { disclosureOfScope, toPopulation } from '../core/population';
import { brokersResult } from './brokers';
import { champions } from './champions';
import { loadInteractions, loadNetworkPeople } from './network-data';
import { EARLY_ADOPTER_SHARE, networkReport } from './network-report';

/** The aggregate network view of a scope (no person appears). */
export async function queryNetworkReport(dataSource: DataSource, scope: KpiScope): Promise<NetworkReport> {
  const population = toPopulation(scope);
  const [interactions, people, names] = await Promise.all([
    loadInteractions(dataSource, population, scope.from, scope.to),
    loadNetworkPeople(dataSource, population),
    loadUnitNames(dataSource, scope.organisationId),
  ]);
  return { scope, ...networkReport(interactions, people, names, disclosureOfScope(scope)) };
}

/** The `top` brokers and champions of a scope by pseudonym, for admins. */
export async function queryNetworkPeopleReport(
  dataSource: DataSource,
  scope: KpiScope,
  top: number,
): Promise<NetworkPeopleReport> {
  const population = toPopulation(scope);
  const [interactions, people] = await Promise.all([
    loadInteractions(dataSource, population, scope.from, scope.to),
    loadNetworkPeople(dataSource, population),
  ]);
  const person = (id: string) => people.get(id);
  const ranked = brokersResult(interactions, { top });
  return {
    scope,
    betweenness: { people: ranked.people, sources: ranked.sources },
    brokers: ranked.brokers.map((broker) => ({
      pseudonym: person(broker.person)?.pseudonym ?? broker.person,
      orgUnitId: person(broker.person)?.unit ?? null,
      betweenness: broker.betweenness,
      degree: broker.degree,
    })),
    champions: champions(interactions, people, { earlyShare: EARLY_ADOPTER_SHARE, top }).map((champion) => ({
      pseudonym: person(champion.person)?.pseudonym ?? champion.person,
      orgUnitId: person(champion.person)?.unit ?? null,
      adoptedOn: champion.adoptedOn,
      reach: champion.reach,
      interactions: champion.interactions,
    })),
  };
}
