import type { DataSource } from 'typeorm';
import type { Role } from '../entities/user.entity';

/** A usable token (not revoked, not expired, its user enabled) with its creator's current role. */
export interface ValidTokenRow {
  id: string;
  kind: 'session' | 'api';
  user_id: string | null;
  organisation_id: string | null;
  role: Role | null;
  /** The creator's role in the token's organisation now (API tokens only). */
  creator_role: Role | null;
  last_used_at: Date | null;
}

/** Access tokens (sessions and API tokens) as authentication reads them. */
export class AccessTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `sessionIdleMinutes`: a session unused for longer (by last_used_at, which is written at most once a
   * minute, else since it was created) is no longer valid; API tokens have no idle timeout.
   */
  async findValid(tokenHash: Buffer, sessionIdleMinutes: number): Promise<ValidTokenRow | undefined> {
    const rows: ValidTokenRow[] = await this.dataSource.query(
      `SELECT t.id, t.kind, t.user_id, t.organisation_id, t.role, m.role AS creator_role, t.last_used_at
       FROM access_tokens t
         LEFT JOIN users u ON u.id = t.user_id
         LEFT JOIN memberships m ON t.kind = 'api' AND m.user_id = t.user_id AND m.organisation_id = t.organisation_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
         AND (t.user_id IS NULL OR u.disabled_at IS NULL)
         AND (t.kind = 'api' OR coalesce(t.last_used_at, t.created_at) > now() - make_interval(mins => $2))`,
      [tokenHash, sessionIdleMinutes],
    );
    return rows[0];
  }

  async touchLastUsed(tokenId: string): Promise<void> {
    await this.dataSource.query('UPDATE access_tokens SET last_used_at = now() WHERE id = $1', [tokenId]);
  }
}
