import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { AccessToken, type Role } from '@uptake/persistence';
import { hashToken, looksLikeToken, newToken } from '@uptake/security';
import { IsNull, type DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config/config.module';
import type { Principal } from './principal';

/** Writing last_used_at on every request would turn reads into writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class AccessTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Resolves a bearer secret to a principal, or undefined when unknown, expired, revoked or disabled. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const rows: {
      id: string;
      kind: 'session' | 'api';
      user_id: string | null;
      organisation_id: string | null;
      role: Role | null;
      last_used_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT t.id, t.kind, t.user_id, t.organisation_id, t.role, t.last_used_at
       FROM access_tokens t LEFT JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
         AND (t.kind = 'api' OR u.disabled_at IS NULL)`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query('UPDATE access_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    if (row.kind === 'api') {
      return {
        kind: 'api',
        tokenId: row.id,
        userId: row.user_id,
        roles: new Map([[row.organisation_id as string, row.role as Role]]),
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
