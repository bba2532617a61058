import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A configured connector instance (a Slack workspace, a Microsoft 365 tenant, a CSV upload slot).
 * Named `ActivitySource` to avoid confusion with TypeORM's DataSource; the table is `data_sources`.
 */
@Entity({ name: 'data_sources' })
export class ActivitySource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  name: string;

  @Column('text')
  connectorType: string;

  /** Non-secret connector settings (channel filters, demo seed, file mapping). */
  @Column('jsonb', { default: {} })
  settings: Record<string, unknown>;

  /** Connector credentials and settings, encrypted with the key from configuration; never returned by the API. */
  @Column('bytea', { nullable: true, select: false })
  encryptedConfig: Buffer | null;

  /** Cron expression for scheduled syncs, or null for manual/upload-only sources. */
  @Column('text', { nullable: true })
  schedule: string | null;

  @Column('boolean', { default: true })
  enabled: boolean;

  /** Per-stream checkpoints (cursor state) of the last successful sync. */
  @Column('jsonb', { default: {} })
  state: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
