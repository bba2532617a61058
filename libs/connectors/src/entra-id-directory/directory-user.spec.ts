import { departmentUnit, directoryUser, identityOf, managerKey, startDateOf } from './directory-user';

const user = {
  id: '0b6f6d1e-3c1a-4f0e-9d3b-1a2b3c4d5e03',
  userPrincipalName: 'Chloe@Contoso.onmicrosoft.com',
  mail: 'Chloe.Martin@contoso.com',
  department: ' Engineering ',
  jobTitle: 'Software Engineer',
  officeLocation: 'Lyon',
  employeeHireDate: '2021-09-15T00:00:00Z',
  accountEnabled: true,
};

describe('directoryUser', () => {
  it('keys a person by the lower-cased UPN, in the org unit of their department', () => {
    expect(directoryUser(user, 'userPrincipalName')).toEqual({
      kind: 'person',
      mailMissing: false,
      department: {
        externalId: 'entra-department:Engineering',
        name: 'Engineering',
        kind: 'department',
        parentExternalId: null,
      },
      person: {
        externalId: 'chloe@contoso.onmicrosoft.com',
        orgUnitExternalId: 'entra-department:Engineering',
        legacyCompanyExternalId: null,
        managerExternalId: null,
        level: null,
        location: 'Lyon',
        startDate: '2021-09-15',
        endDate: null,
      },
    });
  });

  it('never stores the job title (free text that can name one person in a small team)', () => {
    expect(JSON.stringify(directoryUser(user, 'userPrincipalName'))).not.toContain('Software Engineer');
  });

  it.each([
    [{ accountEnabled: false }, { kind: 'skipped', reason: 'disabled' }],
    [
      { userPrincipalName: 'partner_fabrikam.com#EXT#@contoso.onmicrosoft.com' },
      { kind: 'skipped', reason: 'guest' },
    ],
    [{ id: null }, { kind: 'problem', field: 'id', reason: 'id: missing, the user has no object id' }],
    [
      { userPrincipalName: ' ' },
      { kind: 'problem', field: 'userPrincipalName', reason: 'userPrincipalName: missing' },
    ],
  ])('%j -> %j', (overrides, expected) => {
    expect(directoryUser({ ...user, ...overrides }, 'userPrincipalName')).toEqual(expected);
  });
});

describe('identityOf', () => {
  it('uses the mail when asked, else falls back to the UPN and says so', () => {
    expect(identityOf(user, 'mail')).toEqual({ key: 'chloe.martin@contoso.com', usedFallback: false });
    expect(identityOf({ ...user, mail: null }, 'mail')).toEqual({
      key: 'chloe@contoso.onmicrosoft.com',
      usedFallback: true,
    });
    expect(identityOf({ ...user, mail: null }, 'userPrincipalName')?.usedFallback).toBe(false);
  });

  it('keys a manager the same way as the people', () => {
    expect(managerKey(user, 'mail')).toBe('chloe.martin@contoso.com');
    expect(managerKey(null, 'mail')).toBeNull();
  });
});

describe('departmentUnit and startDateOf', () => {
  it('has no unit without a department', () => {
    expect(departmentUnit(null)).toBeNull();
    expect(departmentUnit('  ')).toBeNull();
  });

  it.each([
    ['2019-04-01T00:00:00Z', '2019-04-01'],
    ['2019-04-01', '2019-04-01'],
    [null, null],
    ['April 2019', null],
  ])('start date of %j is %j', (value, day) => {
    expect(startDateOf(value)).toBe(day);
  });
});
