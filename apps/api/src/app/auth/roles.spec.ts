import { ROLES } from '@uptake/persistence';
import { lesserRole } from './roles';

describe('lesserRole', () => {
  it('narrows an admin token to the creator’s current role and keeps a lower token role', () => {
    expect(lesserRole('admin', 'executive')).toBe('executive');
    expect(lesserRole('executive', 'admin')).toBe('executive');
    expect(lesserRole('change_manager', 'executive')).toBe('executive');
    expect(lesserRole('connector_maintainer', 'admin')).toBe('connector_maintainer');
  });

  it('gives no role when the two share no right', () => {
    expect(lesserRole('connector_maintainer', 'executive')).toBeNull();
    expect(lesserRole('change_manager', 'connector_maintainer')).toBeNull();
  });

  it('is symmetric and idempotent', () => {
    for (const a of ROLES) {
      expect(lesserRole(a, a)).toBe(a);
      for (const b of ROLES) expect(lesserRole(a, b)).toBe(lesserRole(b, a));
    }
  });
});
