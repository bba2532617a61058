import { topUnitsOf, type DirectoryUnit } from './top-units';

// Demo Company (the company itself) with two divisions, and a legacy company as a second root.
const UNITS: DirectoryUnit[] = [
  { id: 'org', name: 'Demo Company', kind: 'organisation', path: '/org/' },
  { id: 'sales', name: 'Sales', kind: 'division', path: '/org/sales/' },
  { id: 'north', name: 'North', kind: 'department', path: '/org/sales/north/' },
  { id: 'finance', name: 'Finance', kind: 'division', path: '/org/finance/' },
  { id: 'acme', name: 'Acme (legacy)', kind: 'legacy_company', path: '/acme/' },
  { id: 'acme-it', name: 'Acme IT', kind: 'department', path: '/acme/acme-it/' },
];

describe('topUnitsOf', () => {
  it('skips the company itself for its divisions; other roots are their own top unit', () => {
    expect(Object.fromEntries(topUnitsOf(UNITS, null).of)).toEqual({
      org: 'org', // people attached to the company itself stay on its row
      sales: 'sales',
      north: 'sales',
      finance: 'finance',
      acme: 'acme',
      'acme-it': 'acme',
    });
  });

  it('uses the children of a scope’s unit, and the unit itself for its own people', () => {
    expect(Object.fromEntries(topUnitsOf(UNITS, 'sales').of)).toEqual({ sales: 'sales', north: 'north' });
    expect(topUnitsOf(UNITS, 'sales').names.get('north')).toBe('North');
  });
});
