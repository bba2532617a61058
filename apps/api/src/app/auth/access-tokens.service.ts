import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { AccessToken, type Role } from '@uptake/persistence';
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
  ) {}

  /**
   * Resolves a bearer secret to a principal, or undefined when unknown, expired, revoked or disabled.
   * An API token acts with the current rights of the user who created it: the lesser of its own role and
   * the creator's role in its organisation now, so demoting the creator narrows it at once, and it stops
   * working when the creator is disabled or no longer a member. (Tokens without a creator, made by an
   * operator outside the API, keep their role.)
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const rows: {
      id: string;
      kind: 'session' | 'api';
      user_id: string | null;
      organisation_id: string | null;
      role: Role | null;
      creator_role: Role | null;
      last_used_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT t.id, t.kind, t.user_id, t.organisation_id, t.role, m.role AS creator_role, t.last_used_at
       FROM access_tokens t
         LEFT JOIN users u ON u.id = t.user_id
         LEFT JOIN memberships m ON t.kind = 'api' AND m.user_id = t.user_id AND m.organisation_id = t.organisation_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
         AND (t.user_id IS NULL OR u.disabled_at IS NULL)`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    const role =
      row.kind === 'api' && row.user_id !== null
        ? row.creator_role && lesserRole(row.role as Role, row.creator_role)
        : row.role;
    if (row.kind === 'api' && !role) return undefined;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query('UPDATE access_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    if (row.kind === 'api') {
      return {
        kind: 'api',
        tokenId: row.id,
        userId: row.user_id,
        roles: new Map([[row.organisation_id as string, role as Role]]),
      };
    }
    const memberships: { organisation_id: string; role: Role }[] = await this.dataSource.query(
      'SELECT organisation_id, role FROM memberships WHERE user_id = $1',
      [row.user_id],
    );
    return {
      kind: 'session',
      tokenId: row.id,
      userId: row.user_id,
      roles: new Map(memberships.map((m) => [m.organisation_id, m.role])),
    };
  }

  async createSession(userId: string): Promise<{ token: string; expiresAt: Date; id: string }> {
    const { token, hash } = newToken('ups');
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3_600_000);
    const saved = await this.dataSource
      .getRepository(AccessToken)
      .save({ kind: 'session', tokenHash: hash, userId, expiresAt });
    return { token, expiresAt, id: saved.id };
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
