import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { Locale, Role } from '@uptake/contracts';

// The API contract owns the roles; re-exported for the entities and the account helpers.
export { ROLES, type Role } from '@uptake/contracts';

/** A person who signs in to Uptake (not a person measured by it: those are `Person`). */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case. */
  @Column('text')
  email: string;

  /** argon2id hash (PHC string). */
  @Column('text', { select: false })
  passwordHash: string;

  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;

  /** The language this user chose; null follows the organisation's default. */
  @Column('text', { nullable: true })
  locale: Locale | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A user's role in one organisation. */
@Entity({ name: 'memberships' })
export class Membership {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  role: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export type AccessTokenKind = 'session' | 'api';

/** A login session or an API token; only the SHA-256 of the secret is stored. */
@Entity({ name: 'access_tokens' })
export class AccessToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: AccessTokenKind;

  @Column('bytea', { select: false })
  tokenHash: Buffer;

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('text', { nullable: true })
  role: Role | null;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Security-relevant actions: logins, role changes, token and source changes, phase advances. */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('uuid', { nullable: true })
  actorTokenId: string | null;

  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  targetType: string | null;

  @Column('text', { nullable: true })
  targetId: string | null;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
