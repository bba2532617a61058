import { issuerProblem } from '@uptake/contracts';
import {
  claimedEmail,
  claimValues,
  emailDomainAllowed,
  mappedRole,
  RETURN_TO_MAX_LENGTH,
  safeReturnTo,
} from './sso-policy';

describe('safeReturnTo', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeReturnTo('/kpis')).toBe('/kpis');
    expect(safeReturnTo('/kpis?from=2026-01-01#top')).toBe('/kpis?from=2026-01-01#top');
    // dot segments are resolved, and cannot climb above the root
    expect(safeReturnTo('/a/../../b')).toBe('/b');
  });

  it('sends the browser to the start page when nothing is given', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'kpis',
    '/kpis\n',
    '\t//evil.example',
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  it('keeps percent-encoded characters encoded (harmless; only raw control characters are refused)', () => {
    expect(safeReturnTo('/%0a')).toBe('/%0a');
  });

  it('refuses a repeated parameter and an over-long path', () => {
    expect(safeReturnTo(['/a', '/b'])).toBeNull();
    expect(safeReturnTo('/' + 'a'.repeat(RETURN_TO_MAX_LENGTH))).toBeNull();
    expect(safeReturnTo('/' + 'a'.repeat(RETURN_TO_MAX_LENGTH - 1))).toHaveLength(RETURN_TO_MAX_LENGTH);
  });
});

describe('mappedRole', () => {
  const settings = {
    roleClaim: 'groups',
    roleMapping: {
      'uptake-admins': 'admin',
      'uptake-managers': 'change_manager',
      ops: 'connector_maintainer',
    },
    defaultRole: 'executive',
  } as const;

  it('gives the most privileged role among the matching values, whatever their order', () => {
    expect(mappedRole({ groups: ['ops', 'uptake-managers'] }, settings)).toBe('change_manager');
    expect(mappedRole({ groups: ['uptake-managers', 'uptake-admins'] }, settings)).toBe('admin');
    // a connector maintainer only when nothing else matches
    expect(mappedRole({ groups: ['ops', 'unmapped'] }, settings)).toBe('connector_maintainer');
  });

  it('reads a single string claim too', () => {
    expect(mappedRole({ groups: 'uptake-admins' }, settings)).toBe('admin');
  });

  it('falls back to the default role: no match, no claim, an empty list, or no claim configured', () => {
    expect(mappedRole({ groups: ['unmapped'] }, settings)).toBe('executive');
    expect(mappedRole({}, settings)).toBe('executive');
    expect(mappedRole({ groups: [] }, settings)).toBe('executive');
    expect(mappedRole({ groups: ['uptake-admins'] }, { ...settings, roleClaim: null })).toBe('executive');
  });

  it('does not take inherited object keys for mapping entries', () => {
    expect(mappedRole({ groups: ['constructor', 'toString'] }, settings)).toBe('executive');
  });

  it('ignores values of a claim that are not strings', () => {
    expect(claimValues(['a', 1, { b: 2 }, null, 'c'])).toEqual(['a', 'c']);
    expect(claimValues(42)).toEqual([]);
  });
});

describe('claimed e-mail and allowed domains', () => {
  it('lower-cases and trims the e-mail, and refuses what is not one', () => {
    expect(claimedEmail({ email: ' Ann.Lee@Example.COM ' })).toBe('ann.lee@example.com');
    expect(claimedEmail({ email: 'not an email' })).toBeUndefined();
    expect(claimedEmail({ email: 42 })).toBeUndefined();
    expect(claimedEmail({})).toBeUndefined();
  });

  it('allows exactly the listed domains (no sub-domains, no look-alikes); an empty list allows any', () => {
    const domains = ['example.com'];
    expect(emailDomainAllowed('ann@example.com', domains)).toBe(true);
    expect(emailDomainAllowed('ann@mail.example.com', domains)).toBe(false);
    expect(emailDomainAllowed('ann@evilexample.com', domains)).toBe(false);
    expect(emailDomainAllowed('ann@example.com.evil', domains)).toBe(false);
    expect(emailDomainAllowed('ann@anything.test', [])).toBe(true);
  });
});

describe('issuerProblem (the contract of the issuer URL)', () => {
  it('takes https issuers and http ones on this machine only', () => {
    expect(issuerProblem('https://login.microsoftonline.com/tenant/v2.0')).toBeNull();
    expect(issuerProblem('http://127.0.0.1:4000')).toBeNull();
    expect(issuerProblem('http://localhost:8080/realms/acme')).toBeNull();
    expect(issuerProblem('http://idp.example.com')).toMatch(/https/);
    expect(issuerProblem('https://idp.example.com/?tenant=1')).toMatch(/query/);
    expect(issuerProblem('ftp://idp.example.com')).toMatch(/https/);
    expect(issuerProblem('not a url')).toMatch(/must be a URL/);
  });
});
