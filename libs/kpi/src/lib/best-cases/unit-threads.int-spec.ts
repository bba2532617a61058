import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { communityWindow, loadThreadTallies, rangeThreads } from '../communities/communities-data';
import { computeCommunities, loadDepartments } from '../communities/communities-query';
import {
  scopeOf,
  seedCommunityOrganisation,
  type CommunityOrganisation,
} from '../communities/test/community-organisation';
import { toPopulation } from '../core/population';
import { unitAncestors } from './unit-activity';
import { loadUnitThreads, rollUpUnitThreads } from './unit-threads';

/*
 * loadUnitThreads (threads grouped by the author's own unit in SQL, subtrees summed and percentiles merged in
 * Node) against the straightforward query it replaced: every thread repeated for each unit above its author,
 * tallied per unit by loadThreadTallies in one statement.
 */
describe('org-unit thread tallies', () => {
  let dataSource: DataSource;
  let org: CommunityOrganisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedCommunityOrganisation(dataSource);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  it.each([
    ['the whole organisation', {}],
    ['one unit', { orgUnitId: 'sales' }],
    ['one community', { groupId: 'thriving' }],
    ['a range that cuts the threads', { from: '2026-02-26', to: '2026-03-04' }],
  ])('equal the tallies of the threads expanded to every ancestor: %s', async (_, overrides) => {
    const scope = scopeOf(org.organisationId, {
      ...('orgUnitId' in overrides ? { orgUnitId: org.units[overrides.orgUnitId as 'sales'] } : {}),
      ...('groupId' in overrides ? { groupId: org.groups[overrides.groupId as 'thriving'] } : {}),
      ...('from' in overrides ? { from: overrides.from, to: overrides.to } : {}),
    });
    const population = toPopulation(scope);
    const window = communityWindow(scope.from, scope.to);
    const { units, departments } = await loadDepartments(dataSource, scope);
    const expanded = await loadThreadTallies(
      dataSource,
      {
        ctes: `base_threads AS (${rangeThreads()}),
               unit_people AS (
                 SELECT a.id AS unit_id, p.id AS person_id
                 FROM people p
                 JOIN org_units pu ON pu.organisation_id = $1 AND pu.id = p.org_unit_id
                 JOIN org_units a ON a.organisation_id = $1 AND pu.path LIKE a.path || '%'
                 WHERE p.organisation_id = $1)`,
        threads: `SELECT u.unit_id AS candidate, t.author, t.question, t.hours, t.responder
                  FROM base_threads t JOIN unit_people u ON u.person_id = t.author
                  UNION ALL
                  SELECT NULL::uuid, author, question, hours, responder FROM base_threads`,
      },
      [population.organisationId, population.orgUnitId, population.groupId, window.from, window.to],
      departments,
      { buckets: false, overall: 'null-rows' },
    );
    const rolledUp = await loadUnitThreads(dataSource, population, window, departments, unitAncestors(units));
    expect(expanded.size).toBeGreaterThan(0);
    expect(new Map([...rolledUp].sort())).toEqual(new Map([...expanded].sort()));
    // The same from the communities' pass over the threads (what the best-case finder uses for both kinds).
    const withCommunities = await computeCommunities(dataSource, scope, {
      groupId: null,
      viralThreshold: 0.5,
      departments,
      units: true,
    });
    const fromCommunities = rollUpUnitThreads(withCommunities.unitThreads, unitAncestors(units));
    expect(new Map([...fromCommunities].sort())).toEqual(new Map([...expanded].sort()));
  });
});
