import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { unitActivityOfBits } from '../../testing';
import { communityWindow } from '../communities/communities-data';
import { loadDepartments } from '../communities/communities-query';
import {
  scopeOf,
  seedCommunityOrganisation,
  type CommunityOrganisation,
} from '../communities/test/community-organisation';
import { loadMembers } from '../core/members';
import { loadActivityBits } from '../core/person-month';
import { toPopulation } from '../core/population';
import { loadUnitActivity, rollUpUnitActivity, unitAncestors } from './unit-activity';

/*
 * loadUnitActivity (people counted per own org unit in Postgres, subtrees summed in Node) against the
 * computation it replaced: every person's day masks read into Node and tallied into each unit above them.
 */
describe('org-unit activity', () => {
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
    ['a range across a month boundary', { from: '2026-02-26', to: '2026-03-04' }],
  ])('equals the tallies of every person’s day masks: %s', async (_, overrides) => {
    const scope = scopeOf(org.organisationId, {
      ...('orgUnitId' in overrides ? { orgUnitId: org.units[overrides.orgUnitId as 'sales'] } : {}),
      ...('groupId' in overrides ? { groupId: org.groups[overrides.groupId as 'thriving'] } : {}),
      ...('from' in overrides ? { from: overrides.from, to: overrides.to } : {}),
    });
    const population = toPopulation(scope);
    const window = communityWindow(scope.from, scope.to);
    const { units } = await loadDepartments(dataSource, scope);
    const ancestors = unitAncestors(units);
    const [members, bits, rows] = await Promise.all([
      loadMembers(dataSource, population, scope.to, { lastActiveDay: false }),
      loadActivityBits(dataSource, population, window.firstDay, window.to),
      loadUnitActivity(dataSource, population, window),
    ]);
    const reference = unitActivityOfBits(members, bits, ancestors, window);
    const rolledUp = rollUpUnitActivity(rows, ancestors, window.weeks.length);
    expect(reference.get(null)?.active.count).toBeGreaterThan(0);
    expect(new Map([...rolledUp].sort())).toEqual(new Map([...reference].sort()));
  });
});
