import { apiToken, auditEvent, invitation, member, NOW, SSO } from './admin.fixtures';
import { olderPageCursor } from '../shared/paging';
import { auditRow } from './audit';
import { invitationSentMessage, memberRows, pendingInvitations } from './members';
import { duplicateMappingValues, redirectUriOf, ssoBody, ssoDraftOf } from './sso';
import { tokenBody, tokenRows } from './tokens';

describe('members', () => {
  const admin = member('zoe@acme.test', 'admin', { lastLoginAt: '2026-03-09T07:30:00Z' });
  const manager = member('adam@acme.test', 'change_manager');

  it('sorts by e-mail, marks the signed-in admin and the only admin', () => {
    const rows = memberRows([admin, manager], 'user-zoe');
    expect(rows.map((r) => [r.email, r.role, r.you, r.onlyAdmin, r.lastSignIn])).toEqual([
      ['adam@acme.test', 'change_manager', false, false, null],
      ['zoe@acme.test', 'admin', true, true, '2026-03-09T07:30:00Z'],
    ]);
    expect(rows[1].joined).toBe('2026-01-05T09:00:00Z');
  });

  it('two admins: neither is the only one', () => {
    const rows = memberRows([admin, member('bob@acme.test', 'admin')], undefined);
    expect(rows.map((r) => r.onlyAdmin)).toEqual([false, false]);
    expect(rows.some((r) => r.you)).toBe(false);
    expect(memberRows([], 'user-zoe')).toEqual([]);
  });

  it('lists the invitations whose link still works', () => {
    const open = invitation('open@acme.test');
    const list = [
      open,
      invitation('accepted@acme.test', { status: 'accepted' }),
      invitation('revoked@acme.test', { status: 'revoked' }),
      // pending in the answer but expired since it was loaded: expiresAt is before NOW
      invitation('lapsed@acme.test', { expiresAt: '2026-03-10T11:00:00Z' }),
    ];
    expect(pendingInvitations(list, NOW)).toEqual([open]);
    expect(pendingInvitations([], NOW)).toEqual([]);
  });

  it('explains the 202: the link was e-mailed if the address can receive it', () => {
    expect(invitationSentMessage({ email: 'new@acme.test' })).toBe(
      'An invitation link was e-mailed to new@acme.test if the address can receive it. Whoever opens it ' +
        'joins with the role chosen here; it is listed under pending invitations until then.',
    );
  });
});

describe('API tokens', () => {
  it('sends a trimmed name, no expiry when empty, whole days as a number, anything else as typed', () => {
    expect(tokenBody({ name: ' HR webhook ', role: 'executive', expiresInDays: '' })).toEqual({
      name: 'HR webhook',
      role: 'executive',
    });
    expect(tokenBody({ name: 'x', role: 'admin', expiresInDays: ' 90 ' })).toEqual({
      name: 'x',
      role: 'admin',
      expiresInDays: 90,
    });
    // the API names the field: "expiresInDays must be an integer number"
    expect(tokenBody({ name: 'x', role: 'admin', expiresInDays: '1.5' })).toEqual({
      name: 'x',
      role: 'admin',
      expiresInDays: '1.5',
    });
  });

  it('says when a token never expires, expires, or has expired', () => {
    const rows = tokenRows(
      [
        apiToken('forever', { lastUsedAt: '2026-03-10T10:00:00Z' }),
        apiToken('later', { expiresAt: '2026-06-01T00:00:00Z' }),
        apiToken('gone', { expiresAt: '2026-03-10T12:00:00Z' }), // exactly NOW: no longer valid
      ],
      NOW,
    );
    expect(rows.map((r) => [r.name, r.expiry, r.lastUsed])).toEqual([
      ['forever', { kind: 'never' }, '2026-03-10T10:00:00Z'],
      ['later', { kind: 'expires', at: '2026-06-01T00:00:00Z' }, null],
      ['gone', { kind: 'expired', at: '2026-03-10T12:00:00Z' }, null],
    ]);
    expect(tokenRows([], NOW)).toEqual([]);
  });
});

describe('single sign-on form', () => {
  it('starts from the API defaults when not set up', () => {
    expect(ssoDraftOf(undefined)).toEqual({
      issuer: '',
      clientId: '',
      clientSecret: '',
      scopes: 'openid email profile',
      defaultRole: 'executive',
      roleClaim: '',
      roleMapping: [],
      allowedEmailDomains: '',
      localPasswords: true,
    });
  });

  it('round-trips the saved settings, keeping the stored secret when none is typed', () => {
    const draft = ssoDraftOf(SSO);
    expect(draft.roleMapping).toEqual([
      { value: 'uptake-admins', role: 'admin' },
      { value: 'uptake-managers', role: 'change_manager' },
    ]);
    expect(draft.allowedEmailDomains).toBe('example.com, example.org');
    expect(ssoBody(draft)).toEqual({
      issuer: 'https://login.example.com/realm',
      clientId: 'uptake',
      scopes: 'openid email profile groups',
      defaultRole: 'executive',
      roleClaim: 'groups',
      roleMapping: { 'uptake-admins': 'admin', 'uptake-managers': 'change_manager' },
      allowedEmailDomains: ['example.com', 'example.org'],
      localPasswords: false,
    });
  });

  it('sends a typed secret, null for no role claim, drops empty mapping rows, splits domains', () => {
    const body = ssoBody({
      ...ssoDraftOf(undefined),
      issuer: ' https://idp.test ',
      clientId: 'c',
      clientSecret: ' s3cret ',
      scopes: '  ',
      roleClaim: '  ',
      roleMapping: [
        { value: ' admins ', role: 'admin' },
        { value: '   ', role: 'executive' },
      ],
      allowedEmailDomains: 'a.test,b.test\nc.test  d.test,',
    });
    expect(body).toEqual({
      issuer: 'https://idp.test',
      clientId: 'c',
      clientSecret: ' s3cret ', // a secret is sent exactly as typed
      scopes: 'openid email profile', // emptied: back to the default
      defaultRole: 'executive',
      roleClaim: null,
      roleMapping: { admins: 'admin' },
      allowedEmailDomains: ['a.test', 'b.test', 'c.test', 'd.test'],
      localPasswords: true,
    });
  });

  it('names claim values given twice', () => {
    expect(
      duplicateMappingValues([
        { value: 'a', role: 'admin' },
        { value: ' a', role: 'executive' },
        { value: 'b', role: 'executive' },
        { value: '', role: 'executive' },
        { value: '', role: 'admin' },
      ]),
    ).toEqual(['a']);
    expect(duplicateMappingValues([])).toEqual([]);
  });

  it("shows the API's redirect URI once saved, this origin's before", () => {
    expect(redirectUriOf(SSO, 'http://localhost:3000')).toEqual({
      uri: 'https://uptake.example.com/api/auth/sso/callback',
      confirmed: true,
    });
    expect(redirectUriOf(undefined, 'http://localhost:3000')).toEqual({
      uri: 'http://localhost:3000/api/auth/sso/callback',
      confirmed: false,
    });
  });
});

describe('audit log', () => {
  const names = {
    users: new Map([['user-zoe', 'zoe@acme.test']]),
    tokens: new Map([['tok-1', 'HR webhook']]),
  };

  it('names actors and targets the page knows, ids otherwise', () => {
    const row = auditRow(
      auditEvent('42', 'member.role_changed', {
        actorUserId: 'user-zoe',
        targetType: 'user',
        targetId: 'user-gone',
        details: { from: 'executive', to: 'admin' },
      }),
      names,
    );
    expect(row).toEqual({
      id: '42',
      occurredAt: '2026-03-10T11:00:00Z',
      action: 'member.role_changed',
      actor: 'zoe@acme.test',
      target: 'user user-gone',
      details: 'from=executive, to=admin',
    });
    expect(
      auditRow(
        auditEvent('43', 'api_token.revoked', {
          actorTokenId: 'tok-1',
          targetType: 'api_token',
          targetId: 'tok-1',
        }),
        names,
      ),
    ).toMatchObject({ actor: 'token HR webhook', target: 'api token HR webhook', details: null });
    expect(
      auditRow(
        auditEvent('44', 'sso.settings_changed', { details: { changed: ['issuer'], created: true } }),
        names,
      ),
    ).toMatchObject({ actor: 'system', target: null, details: 'changed=["issuer"], created=true' });
    // a UUID no longer known (a removed member) by its first 8 characters
    expect(
      auditRow(
        auditEvent('45', 'member.removed', {
          actorUserId: '0b9e7c1e-5d2a-4c11-9a51-7f4f3c2d1e00',
          targetType: 'user',
          targetId: 'fed46768-a850-4966-a29b-2d5fa6fbb3ba',
        }),
        names,
      ),
    ).toMatchObject({ actor: 'user 0b9e7c1e…', target: 'user fed46768…' });
  });

  it('continues after the last event of a full page only', () => {
    const page = [auditEvent('9', 'a'), auditEvent('7', 'b'), auditEvent('4', 'c')];
    expect(olderPageCursor(page, 3)).toBe('4');
    expect(olderPageCursor(page, 50)).toBeNull(); // 3 < 50: the end of the log
    expect(olderPageCursor([], 50)).toBeNull();
  });
});
