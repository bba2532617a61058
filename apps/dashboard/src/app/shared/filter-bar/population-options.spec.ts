import type { GroupView, OrgUnitView } from '@uptake/contracts';
import { groupSections, orgUnitOptions } from './population-options';

const unit = (id: string, parentId: string | null, name: string): OrgUnitView => ({
  id,
  parentId,
  name,
  kind: 'department',
  people: 10,
});
const pad = (depth: number) => '\u00a0\u00a0\u00a0'.repeat(depth);

describe('orgUnitOptions', () => {
  it('lists the tree depth first, siblings by name, indented by depth', () => {
    const options = orgUnitOptions([
      unit('sales', 'acme', 'Sales'),
      unit('acme', null, 'Acme'),
      unit('emea', 'sales', 'EMEA'),
      unit('eng', 'acme', 'Engineering'),
    ]);
    expect(options).toEqual([
      { id: 'acme', depth: 0, label: 'Acme' },
      { id: 'eng', depth: 1, label: `${pad(1)}Engineering` },
      { id: 'sales', depth: 1, label: `${pad(1)}Sales` },
      { id: 'emea', depth: 2, label: `${pad(2)}EMEA` },
    ]);
  });

  it('shows a unit whose parent is unknown as a root', () => {
    expect(orgUnitOptions([unit('orphan', 'gone', 'Orphan')])).toEqual([
      { id: 'orphan', depth: 0, label: 'Orphan' },
    ]);
  });

  it('keeps every unit of a cycle once instead of looping', () => {
    const options = orgUnitOptions([unit('a', 'b', 'A'), unit('b', 'a', 'B')]);
    expect(options.map((o) => o.id).sort()).toEqual(['a', 'b']);
    expect(options).toHaveLength(2);
  });
});

describe('groupSections', () => {
  const group = (id: string, name: string, kind: GroupView['kind']): GroupView => ({
    id,
    name,
    kind,
    sourceId: kind === 'cohort' ? null : 'src',
    members: 12,
  });

  it('puts cohorts first, sorts by name and drops empty sections', () => {
    expect(
      groupSections([
        group('g2', 'Marketing', 'channel'),
        group('p2', 'Pilot B', 'cohort'),
        group('g1', 'General', 'channel'),
        group('p1', 'Pilot A', 'cohort'),
      ]),
    ).toEqual([
      {
        label: 'Rollout cohorts',
        groups: [
          { id: 'p1', name: 'Pilot A' },
          { id: 'p2', name: 'Pilot B' },
        ],
      },
      {
        label: 'Channels',
        groups: [
          { id: 'g1', name: 'General' },
          { id: 'g2', name: 'Marketing' },
        ],
      },
    ]);
  });
});
