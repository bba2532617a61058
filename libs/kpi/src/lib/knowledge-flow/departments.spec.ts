import type { UnitNode } from '../core/top-units';
import { departmentsOf } from './departments';

/*
 * Demo Company (organisation) → Operations (division) → Logistics, Production
 *                             → Commerce (division) → Sales
 * Northwind (legacy company, a separate root).
 */
const node = (id: string, kind: string, path: string): UnitNode => ({ id, name: id, kind, path });
const UNITS = [
  node('org', 'organisation', '/org/'),
  node('ops', 'division', '/org/ops/'),
  node('log', 'department', '/org/ops/log/'),
  node('prod', 'department', '/org/ops/prod/'),
  node('com', 'division', '/org/com/'),
  node('sales', 'department', '/org/com/sales/'),
  node('north', 'legacy_company', '/north/'),
];

describe('departments of the knowledge flow', () => {
  it('are the top-level units below the company for the whole organisation', () => {
    expect(departmentsOf(UNITS, null)).toEqual(
      new Map([
        ['org', 'org'],
        ['ops', 'ops'],
        ['log', 'ops'],
        ['prod', 'ops'],
        ['com', 'com'],
        ['sales', 'com'],
        ['north', 'north'],
      ]),
    );
  });

  it("are the anchor's children within a unit, and the organisation's top units outside it", () => {
    expect(departmentsOf(UNITS, 'ops')).toEqual(
      new Map([
        ['org', 'org'],
        ['ops', 'ops'],
        ['log', 'log'],
        ['prod', 'prod'],
        ['com', 'com'],
        ['sales', 'com'],
        ['north', 'north'],
      ]),
    );
  });

  it('are empty without a directory', () => {
    expect(departmentsOf([], null).size).toBe(0);
  });
});
