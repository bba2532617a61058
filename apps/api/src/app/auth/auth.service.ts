import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { effectiveLocale, type Locale, type Me, type MembershipView } from '@uptake/contracts';
import { MembershipRepository, SsoRepository, User, UserRepository } from '@uptake/persistence';
import { decoyPasswordHash, verifyPassword } from '@uptake/security';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessTokensService } from './access-tokens.service';
import { LoginThrottle, LoginThrottledException } from './login-throttle';
import type { Principal } from './principal';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokensService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly sso: SsoRepository,
  ) {}

  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ token: string; expiresAt: Date; me: Me }> {
    const normalised = email.trim().toLowerCase();
    const user = await this.verifyCredentials(normalised, password, ip);
    if (!user) throw new UnauthorizedException('E-mail or password is wrong');
    await this.requirePasswordReach(user.id, ip);
    const session = await this.tokens.createSession(user.id);
    await this.dataSource.getRepository(User).update(user.id, { lastLoginAt: new Date() });
    const me = await this.me(await this.sessionPrincipal(session.id, user.id, null));
    // Account events belong to no organisation: a sign-in of someone who works for two organisations must
    // not tell either's admins when (and from where) they worked for the other.
    await this.audit.record({ action: 'auth.login', actorUserId: user.id, ip });
    return { token: session.token, expiresAt: session.expiresAt, me };
  }

  /**
   * The enabled account with this e-mail and password, or undefined (audited as a failed sign-in), behind
   * the sign-in throttle. Also the proof of an existing account when accepting an invitation.
   */
  async verifyCredentials(email: string, password: string, ip: string): Promise<User | undefined> {
    try {
      await this.throttle.begin(email, ip);
    } catch (error) {
      if (error instanceof LoginThrottledException)
        await this.audit.record({ action: 'auth.login_throttled', details: { email }, ip });
      throw error;
    }
    const user = await this.users.withPasswordHash(email);
    // Verify against a decoy when the account does not exist, so timing does not reveal which e-mails exist.
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || user.disabledAt) {
      await this.audit.record({
        action: 'auth.login_failed',
        actorUserId: user?.id ?? null,
        details: { email },
        ip,
      });
      return undefined;
    }
    await this.throttle.succeeded(email, ip);
    return user;
  }

  /**
   * Refuses a password sign-in that would reach none of the account's organisations because every one of them
   * turned local passwords off (the person signs in with SSO there). An admin of such an organisation still
   * gets in (break-glass: a broken provider must not lock out the people who can fix its settings); that is
   * recorded in the organisation's own audit log, which its other admins read.
   */
  private async requirePasswordReach(userId: string, ip: string): Promise<void> {
    const reach = await this.sso.passwordReach(userId);
    if (reach.memberships > 0 && reach.reachable === 0) {
      await this.audit.record({ action: 'auth.login_sso_required', actorUserId: userId, ip });
      throw new ForbiddenException(
        'Your organisation signs in with single sign-on only: use "Sign in with SSO" on the sign-in page',
      );
    }
    for (const organisationId of reach.breakGlassOrganisationIds)
      await this.audit.record({ action: 'auth.sso_break_glass', organisationId, actorUserId: userId, ip });
  }

  /** The principal of a session just created (what the guard will make of its cookie). */
  async sessionPrincipal(tokenId: string, userId: string, organisationId: string | null): Promise<Principal> {
    const roles = await this.sso.sessionRoles(userId, organisationId);
    return {
      kind: 'session',
      tokenId,
      userId,
      roles: new Map(roles.map((m) => [m.organisation_id, m.role])),
    };
  }

  /** Ends every session of the caller's account, this one included (a lost laptop, a shared computer). */
  async signOutEverywhere(principal: Principal, ip: string): Promise<number> {
    if (principal.kind !== 'session' || !principal.userId)
      throw new ForbiddenException('Only a signed-in user (a session) can sign out everywhere');
    const revoked = await this.tokens.revokeSessions(principal.userId);
    await this.audit.record({ action: 'auth.sign_out_everywhere', principal, details: { revoked }, ip });
    return revoked;
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.tokens.revoke(principal.tokenId, {});
    // An API token belongs to one organisation; a session to none (see login).
    const organisationId = principal.kind === 'api' ? [...principal.roles.keys()][0] : null;
    await this.audit.record({ action: 'auth.logout', organisationId, principal, ip });
  }

  async me(principal: Principal): Promise<Me> {
    // An API token has exactly one organisation, with its own role there.
    const [tokenOrganisation, tokenRole] = [...principal.roles.entries()][0] ?? [];
    const memberships: MembershipView[] =
      principal.kind === 'session'
        ? // Only what this session acts in (an SSO session: its organisation; see SsoRepository.sessionRoles).
          (await this.memberships.viewsOf(principal.userId)).filter((m) =>
            principal.roles.has(m.organisationId),
          )
        : await this.memberships.tokenView(tokenOrganisation, tokenRole);
    const email =
      principal.kind === 'session' && principal.userId
        ? ((await this.dataSource.getRepository(User).findOneBy({ id: principal.userId }))?.email ?? null)
        : null;
    const { preferred, organisationDefault } = await this.users.locales(
      principal.kind === 'session' ? principal.userId : null,
      memberships[0]?.organisationId,
    );
    return {
      kind: principal.kind,
      userId: principal.userId,
      email,
      memberships,
      locale: effectiveLocale(preferred, organisationDefault),
      preferredLocale: preferred,
    };
  }

  /** The signed-in user's own language (a session's; an API token has no account to keep it on). */
  async setLocale(principal: Principal, locale: Locale | null): Promise<Me> {
    if (principal.kind !== 'session' || !principal.userId)
      throw new ForbiddenException('Only a signed-in user has preferences; an API token has none');
    await this.users.setLocale(principal.userId, locale);
    return this.me(principal);
  }
}
