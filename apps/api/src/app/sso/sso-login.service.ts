import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import type { SsoErrorCode } from '@uptake/contracts';
import {
  MembershipRepository,
  OrganisationSso,
  SsoRepository,
  User,
  UserIdentity,
  type Role,
} from '@uptake/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessTokensService } from '../auth/access-tokens.service';
import { UPTAKE_CONFIG } from '../config/config.module';
import { OidcClients, OidcStepError } from './oidc-client';
import { PendingLogins } from './pending-logins';
import { claimedEmail, emailDomainAllowed, mappedRole, safeReturnTo } from './sso-policy';
import { SsoSettingsService } from './sso-settings.service';

/** Accounts made by an SSO sign-in have no password: this hash matches none (argon2 cannot parse it). */
const NO_PASSWORD = '!';

/** A sign-in that cannot go on; the browser is sent to the sign-in page with the code. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'SsoFailure';
  }
}

/** Where the browser goes next, and the cookies to set on the way. */
export type SsoStart = { authorizationUrl: string; binding: string };
export type SsoSignedIn = { token: string; expiresAt: Date; returnTo: string };

@Injectable()
export class SsoLoginService {
  private readonly logger = new Logger(SsoLoginService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly settings: SsoSettingsService,
    private readonly sso: SsoRepository,
    private readonly clients: OidcClients,
    private readonly pending: PendingLogins,
    private readonly tokens: AccessTokensService,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditService,
  ) {}

  /** The dashboard URL of a path, or of the sign-in page with an error code. */
  dashboardUrl(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  errorUrl(code: SsoErrorCode): string {
    return this.dashboardUrl(`/login?error=${code}`);
  }

  /**
   * Begins a sign-in at the organisation's provider. An unknown slug and an organisation without SSO give
   * the same answer, so slugs cannot be probed.
   */
  async start(organisationSlug: string, returnTo: unknown): Promise<SsoStart> {
    const path = safeReturnTo(returnTo);
    if (path === null) throw new SsoFailure('sso_return_to_invalid', 'returnTo is not a path of this site');
    const organisationId = await this.sso.organisationBySlug(organisationSlug);
    const found = organisationId && (await this.settings.clientOf(organisationId));
    if (!found) throw new SsoFailure('sso_not_configured', `no SSO for ${organisationSlug.slice(0, 80)}`);
    const { state, binding, nonce, codeVerifier } = await this.pending.begin({
      organisationId: found.settings.organisationId,
      returnTo: path,
    });
    const url = await this.clients.authorizationUrl(found.client, {
      redirectUri: this.settings.redirectUri(),
      scopes: found.settings.scopes,
      state,
      nonce,
      codeVerifier,
    });
    return { authorizationUrl: url.href, binding };
  }

  /**
   * Completes a sign-in: the pending login of the state (once, same browser), the code exchange and
   * ID-token checks (openid-client), then the account and membership, and a session that acts in this
   * organisation only.
   */
  async callback(
    query: Record<string, unknown>,
    callbackUrl: URL,
    binding: string | undefined,
    ip: string,
  ): Promise<SsoSignedIn> {
    const state = typeof query['state'] === 'string' ? query['state'] : '';
    const pending = await this.pending.take(state, binding);
    if (!pending) throw new SsoFailure('sso_state_invalid', 'unknown, expired, used or foreign state');
    const found = await this.settings.clientOf(pending.organisationId);
    if (!found) throw new SsoFailure('sso_not_configured', 'SSO was removed during the sign-in');
    const { settings, client } = found;
    let claims: Record<string, unknown>;
    try {
      claims = await this.clients.exchange(client, callbackUrl, {
        redirectUri: this.settings.redirectUri(),
        state,
        nonce: pending.nonce,
        codeVerifier: pending.codeVerifier,
      });
    } catch (error) {
      if (error instanceof OidcStepError) {
        await this.failed(settings.organisationId, error.code, ip, error.message);
        throw new SsoFailure(error.code, error.message);
      }
      throw error;
    }
    try {
      const userId = await this.dataSource.transaction((manager) =>
        this.accountFor(manager, settings, claims, ip),
      );
      const session = await this.tokens.createSession(userId, settings.organisationId);
      await this.dataSource.getRepository(User).update(userId, { lastLoginAt: new Date() });
      // In the organisation's log: its provider signed the person in to it (and only to it).
      await this.audit.record({
        action: 'auth.sso_login',
        organisationId: settings.organisationId,
        actorUserId: userId,
        details: { issuer: settings.issuer },
        ip,
      });
      return { token: session.token, expiresAt: session.expiresAt, returnTo: pending.returnTo };
    } catch (error) {
      if (error instanceof SsoFailure)
        await this.failed(settings.organisationId, error.code, ip, error.message);
      throw error;
    }
  }

  /**
   * The account of the identity (issuer + subject), found, linked or created, with a membership here.
   *
   * Takeover reasoning: the identity, not the e-mail, is the key, so a person who changes their e-mail at
   * the provider (or reuses someone's old address) never lands in another account. An e-mail is used only
   * the first time: a new address gets a new account; an existing account is linked only when the provider
   * says `email_verified: true` (an unverified address may be anybody's) and the account has no other
   * identity at this issuer (that would be another person of the same provider). What a provider's
   * assertion can reach is bounded anyway: its session acts in its own organisation only.
   */
  private async accountFor(
    manager: EntityManager,
    settings: OrganisationSso,
    claims: Record<string, unknown>,
    ip: string,
  ): Promise<string> {
    const issuer = String(claims['iss']);
    const subject = String(claims['sub']);
    const email = claimedEmail(claims);
    if (
      settings.allowedEmailDomains.length > 0 &&
      !(email && emailDomainAllowed(email, settings.allowedEmailDomains))
    )
      throw new SsoFailure('sso_email_domain', `e-mail domain not allowed`);
    let userId = await this.sso.identityUser(issuer, subject, manager);
    if (!userId) {
      if (!email) throw new SsoFailure('sso_email_missing', 'the ID token has no e-mail');
      if (claims['email_verified'] === false)
        throw new SsoFailure('sso_email_unverified', 'the provider says the e-mail is not verified');
      userId = await this.linkOrCreate(manager, email, claims['email_verified'] === true, issuer);
      await manager.getRepository(UserIdentity).insert({ issuer, subject, userId });
    }
    const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
    if (user.disabledAt) throw new SsoFailure('sso_account_disabled', 'the account is disabled');
    await this.joinIfNew(manager, settings, userId, mappedRole(claims, settings), ip);
    return userId;
  }

  private async linkOrCreate(
    manager: EntityManager,
    email: string,
    verified: boolean,
    issuer: string,
  ): Promise<string> {
    const existing = await manager.getRepository(User).findOneBy({ email });
    if (!existing) {
      const created = await manager.getRepository(User).save({ email, passwordHash: NO_PASSWORD });
      return created.id;
    }
    if (!verified)
      throw new SsoFailure(
        'sso_email_unverified',
        'an account has this e-mail; linking needs a verified e-mail',
      );
    if (await this.sso.hasIdentityAt(existing.id, issuer, manager))
      throw new SsoFailure(
        'sso_account_conflict',
        'the account is linked to another identity of this provider',
      );
    return existing.id;
  }

  /** Just-in-time membership with the mapped role; an existing member keeps the role admins gave them. */
  private async joinIfNew(
    manager: EntityManager,
    settings: OrganisationSso,
    userId: string,
    role: Role,
    ip: string,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2',
      [settings.organisationId, userId],
    );
    if (rows.length > 0) return;
    await this.memberships.addUnlessMember(
      { organisationId: settings.organisationId, userId, role },
      manager,
    );
    await this.audit.record(
      {
        action: 'member.sso_joined',
        organisationId: settings.organisationId,
        actorUserId: userId,
        targetType: 'user',
        targetId: userId,
        details: { role },
        ip,
      },
      manager,
    );
  }

  private async failed(
    organisationId: string,
    code: SsoErrorCode,
    ip: string,
    detail: string,
  ): Promise<void> {
    this.logger.warn(`SSO sign-in refused (${detail})`);
    await this.audit.record({ action: 'auth.sso_login_failed', organisationId, details: { code }, ip });
  }
}
