import type { ApiTokenView, AuditEventView, InvitationView, Member, SsoSettings } from '@uptake/contracts';

/** Small hand-written API answers shared by the admin page's specs. */
export const NOW = new Date('2026-03-10T12:00:00Z');

export function member(email: string, role: Member['role'], extra: Partial<Member> = {}): Member {
  return {
    userId: `user-${email.split('@')[0]}`,
    email,
    role,
    createdAt: '2026-01-05T09:00:00Z',
    lastLoginAt: null,
    ...extra,
  };
}

export function invitation(email: string, extra: Partial<InvitationView> = {}): InvitationView {
  return {
    id: `inv-${email.split('@')[0]}`,
    email,
    role: 'change_manager',
    status: 'pending',
    createdAt: '2026-03-09T08:00:00Z',
    // far ahead, so that components (which use the real clock) see it pending too
    expiresAt: '2099-03-16T08:00:00Z',
    ...extra,
  };
}

export function apiToken(name: string, extra: Partial<ApiTokenView> = {}): ApiTokenView {
  return {
    id: `tok-${name.replace(/\W+/g, '-')}`,
    name,
    role: 'executive',
    createdAt: '2026-02-01T10:00:00Z',
    expiresAt: null,
    lastUsedAt: null,
    ...extra,
  };
}

export function auditEvent(id: string, action: string, extra: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id,
    organisationId: 'org-1',
    action,
    actorUserId: null,
    actorTokenId: null,
    targetType: null,
    targetId: null,
    details: {},
    ip: null,
    occurredAt: '2026-03-10T11:00:00Z',
    ...extra,
  };
}

export const SSO: SsoSettings = {
  organisationId: 'org-1',
  issuer: 'https://login.example.com/realm',
  clientId: 'uptake',
  clientSecretSet: true,
  scopes: 'openid email profile groups',
  defaultRole: 'executive',
  roleClaim: 'groups',
  roleMapping: { 'uptake-admins': 'admin', 'uptake-managers': 'change_manager' },
  allowedEmailDomains: ['example.com', 'example.org'],
  localPasswords: false,
  redirectUri: 'https://uptake.example.com/api/auth/sso/callback',
  signInUrl: 'https://uptake.example.com/api/auth/sso/org-1/start',
  updatedAt: '2026-03-01T10:00:00Z',
};
