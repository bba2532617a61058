import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { AccessToken, AccessTokenRepository, SsoRepository, type Role } from '@uptake/persistence';
import { hashToken, looksLikeToken, newToken } from '@uptake/security';
import { IsNull, type DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config/config.module';
import type { Principal } from './principal';
import { lesserRole } from './roles';

/** Writing last_used_at on every request would turn reads into writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class AccessTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly accessTokens: AccessTokenRepository,
    private readonly sso: SsoRepository,
  ) {}

  /**
   * Resolves a bearer secret to a principal, or undefined when unknown, expired, revoked or disabled.
   * An API token acts with the current rights of the user who created it: the lesser of its own role and
   * the creator's role in its organisation now, so demoting the creator narrows it at once, and it stops
   * working when the creator is disabled or no longer a member. (Tokens without a creator, made by an
   * operator outside the API, keep their role.)
   *
   * A session ends SESSION_TTL_HOURS after sign-in (expires_at) or after SESSION_IDLE_MINUTES without use,
   * whichever comes first. An SSO session acts only in the organisation that signed it in; a password
   * session not in organisations that are SSO-only, unless it is an admin there (see SsoRepository).
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const row = await this.accessTokens.findValid(hashToken(token), this.config.auth.sessionIdleMinutes);
    if (!row) return undefined;
    const role =
      row.kind === 'api' && row.user_id !== null
        ? row.creator_role && lesserRole(row.role as Role, row.creator_role)
        : row.role;
    if (row.kind === 'api' && !role) return undefined;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.accessTokens.touchLastUsed(row.id);
    }
    if (row.kind === 'api') {
      return {
        kind: 'api',
        tokenId: row.id,
        userId: row.user_id,
        roles: new Map([[row.organisation_id as string, role as Role]]),
      };
    }
    const memberships = await this.sso.sessionRoles(row.user_id, row.organisation_id);
    return {
      kind: 'session',
      tokenId: row.id,
      userId: row.user_id,
      roles: new Map(memberships.map((m) => [m.organisation_id, m.role])),
    };
  }

  /** `organisationId`: the organisation whose SSO signed the user in (the only one the session acts in). */
  async createSession(
    userId: string,
    organisationId: string | null = null,
  ): Promise<{ token: string; expiresAt: Date; id: string }> {
    const { token, hash } = newToken('ups');
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3_600_000);
    const saved = await this.dataSource
      .getRepository(AccessToken)
      .save({ kind: 'session', tokenHash: hash, userId, organisationId, expiresAt });
    return { token, expiresAt, id: saved.id };
  }

  /** Revokes every session of the user (all browsers); their API tokens are left alone. Returns how many. */
  async revokeSessions(userId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(AccessToken)
      .update({ kind: 'session', userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  async createApiToken(input: {
    organisationId: string;
    role: Role;
    name: string;
    createdBy: string | null;
    expiresAt: Date | null;
  }): Promise<{ token: string; record: AccessToken }> {
    const { token, hash } = newToken('upt');
    const record = await this.dataSource.getRepository(AccessToken).save({
      kind: 'api',
      tokenHash: hash,
      organisationId: input.organisationId,
      role: input.role,
      name: input.name,
      userId: input.createdBy,
      createdBy: input.createdBy,
      expiresAt: input.expiresAt,
    });
    return { token, record };
  }

  listApiTokens(organisationId: string): Promise<AccessToken[]> {
    return this.dataSource
      .getRepository(AccessToken)
      .find({ where: { organisationId, kind: 'api', revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  /** Revokes the API tokens a member created in an organisation (when they leave it). */
  async revokeCreatedBy(organisationId: string, userId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(AccessToken)
      .update({ kind: 'api', organisationId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Revokes at once: the next request with this token is unauthenticated. Returns false if not found. */
  async revoke(tokenId: string, scope: { organisationId?: string; userId?: string }): Promise<boolean> {
    const result = await this.dataSource.getRepository(AccessToken).update(
      {
        id: tokenId,
        revokedAt: IsNull(),
        ...(scope.organisationId ? { organisationId: scope.organisationId } : {}),
        ...(scope.userId ? { userId: scope.userId } : {}),
      },
      { revokedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }
}
