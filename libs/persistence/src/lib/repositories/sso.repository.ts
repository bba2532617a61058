import type { DataSource, EntityManager } from 'typeorm';
import { OrganisationSso } from '../entities/sso.entity';
import type { Role } from '../entities/user.entity';

/** A membership as a session may use it. */
export interface SessionRoleRow {
  organisation_id: string;
  role: Role;
}

/** What a password sign-in of an account reaches (see SsoRepository.passwordReach). */
export interface PasswordReach {
  memberships: number;
  /** Organisations the password session acts in. */
  reachable: number;
  /** SSO-only organisations reached anyway because the account is an admin there (break-glass). */
  breakGlassOrganisationIds: string[];
}

/** Organisations' OpenID providers, the identities they vouch for, and what a session may reach. */
export class SsoRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The organisation's settings with the encrypted client secret, or null. */
  withSecret(organisationId: string): Promise<OrganisationSso | null> {
    return this.dataSource
      .getRepository(OrganisationSso)
      .createQueryBuilder('sso')
      .addSelect('sso.clientSecret')
      .where('sso.organisationId = :organisationId', { organisationId })
      .getOne();
  }

  /** The organisation id of a slug that has SSO set up, or undefined (no such organisation, or no SSO). */
  async organisationBySlug(slug: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM organisations o JOIN organisation_sso s ON s.organisation_id = o.id WHERE o.slug = $1`,
      [slug],
    );
    return rows[0]?.id;
  }

  /**
   * The memberships a session acts with. An SSO session (`sessionOrganisationId` set) acts only in the
   * organisation whose provider signed it in. A password session acts everywhere except in organisations that
   * turned local passwords off, where only their admins still reach them (break-glass).
   */
  sessionRoles(userId: string | null, sessionOrganisationId: string | null): Promise<SessionRoleRow[]> {
    return this.dataSource.query(
      `SELECT m.organisation_id, m.role
       FROM memberships m LEFT JOIN organisation_sso s ON s.organisation_id = m.organisation_id
       WHERE m.user_id = $1
         AND CASE WHEN $2::uuid IS NULL THEN s.local_passwords IS NOT FALSE OR m.role = 'admin'
                  ELSE m.organisation_id = $2::uuid END`,
      [userId, sessionOrganisationId],
    );
  }

  /** Counts behind the decision whether a password sign-in is any use to the account. */
  async passwordReach(userId: string): Promise<PasswordReach> {
    const [row]: { memberships: number; reachable: number; break_glass: string[] }[] =
      await this.dataSource.query(
        `SELECT count(*)::int AS memberships,
                count(*) FILTER (WHERE s.local_passwords IS NOT FALSE OR m.role = 'admin')::int AS reachable,
                coalesce(array_agg(m.organisation_id) FILTER (WHERE s.local_passwords = false AND m.role = 'admin'),
                         '{}') AS break_glass
         FROM memberships m LEFT JOIN organisation_sso s ON s.organisation_id = m.organisation_id
         WHERE m.user_id = $1`,
        [userId],
      );
    return {
      memberships: row.memberships,
      reachable: row.reachable,
      breakGlassOrganisationIds: row.break_glass,
    };
  }

  /** The account an identity signs in to, or undefined; touches its last sign-in. */
  async identityUser(
    issuer: string,
    subject: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    const rows: { user_id: string }[] = await manager.query(
      // A SELECT around the UPDATE, so the driver answers with the rows (not [rows, count]).
      `WITH touched AS (
         UPDATE user_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2 RETURNING user_id
       )
       SELECT user_id FROM touched`,
      [issuer, subject],
    );
    return rows[0]?.user_id;
  }

  /** Whether the account already has an identity at this issuer (under another subject). */
  async hasIdentityAt(
    userId: string,
    issuer: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM user_identities WHERE user_id = $1 AND issuer = $2 LIMIT 1',
      [userId, issuer],
    );
    return rows.length > 0;
  }
}
