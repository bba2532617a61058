import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './user.entity';

/** An organisation's OpenID Connect provider and client (at most one per organisation). */
@Entity({ name: 'organisation_sso' })
export class OrganisationSso {
  @PrimaryColumn('uuid')
  organisationId: string;

  /** Compared character for character with the ID token's `iss`. */
  @Column('text')
  issuer: string;

  @Column('text')
  clientId: string;

  /** AES-256-GCM with UPTAKE_SECRET_KEY (libs/security encryptSecret); never selected unless asked for. */
  @Column('bytea', { select: false })
  clientSecret: Buffer;

  /** Space-separated, `openid` among them. */
  @Column('text')
  scopes: string;

  @Column('text')
  defaultRole: Role;

  @Column('text', { nullable: true })
  roleClaim: string | null;

  @Column('jsonb')
  roleMapping: Record<string, Role>;

  /** Lower-case; empty = any. */
  @Column('text', { array: true })
  allowedEmailDomains: string[];

  /** false: the organisation is reached through SSO only (its admins keep a password break-glass). */
  @Column('boolean')
  localPasswords: boolean;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The account an identity of an OpenID provider (issuer + subject) signs in to. */
@Entity({ name: 'user_identities' })
export class UserIdentity {
  @PrimaryColumn('text')
  issuer: string;

  @PrimaryColumn('text')
  subject: string;

  @Column('uuid')
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  lastLoginAt: Date;
}
