import type { DataSource, EntityManager } from 'typeorm';
import { Membership, type Role } from '../entities/user.entity';

/** A member as the members page lists them. */
export interface MemberRow {
  userId: string;
  email: string;
  role: Role;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** An organisation the caller has a role in, with its name (what the dashboard's switcher shows). */
export interface MembershipRow {
  organisationId: string;
  organisationName: string;
  role: Role;
}

/** Who belongs to which organisation with which role. */
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  rolesOf(userId: string | null): Promise<{ organisation_id: string; role: Role }[]> {
    return this.dataSource.query('SELECT organisation_id, role FROM memberships WHERE user_id = $1', [
      userId,
    ]);
  }

  /** The user's memberships with the organisations' names, by name. */
  viewsOf(userId: string | null): Promise<MembershipRow[]> {
    return this.dataSource.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.user_id = $1 ORDER BY o.name`,
      [userId],
    );
  }

  /** An API token's one organisation, shown as a membership with the token's role. */
  tokenView(organisationId: string | undefined, role: Role | undefined): Promise<MembershipRow[]> {
    return this.dataSource.query(
      `SELECT id AS "organisationId", name AS "organisationName", $2::text AS role FROM organisations WHERE id = $1`,
      [organisationId, role],
    );
  }

  members(organisationId: string): Promise<MemberRow[]> {
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.email, m.role, m.created_at AS "createdAt", u.last_login_at AS "lastLoginAt"
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = $1 ORDER BY u.email`,
      [organisationId],
    );
  }

  async hasMemberWithEmail(
    organisationId: string,
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email = $2',
      [organisationId, email],
    );
    return rows.length > 0;
  }

  /** Adds the membership unless the user is already a member (who then keeps their role). */
  async addUnlessMember(
    membership: { organisationId: string; userId: string; role: Role },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(Membership).values(membership).orIgnore().execute();
  }
}
