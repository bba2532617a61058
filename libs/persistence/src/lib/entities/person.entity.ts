import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A member of the organisation: the denominator of adoption. No name or e-mail is stored: the source's
 * user id is replaced at ingest by `pseudonym`, a keyed hash that is stable per organisation.
 */
@Entity({ name: 'people' })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  pseudonym: string;

  @Column('uuid', { nullable: true })
  orgUnitId: string | null;

  /** The company this person came from, when the organisation is the result of a merger. */
  @Column('uuid', { nullable: true })
  legacyUnitId: string | null;

  @Column('uuid', { nullable: true })
  managerId: string | null;

  /** Hierarchy level, 1 = top. */
  @Column('smallint', { nullable: true })
  level: number | null;

  @Column('text', { nullable: true })
  location: string | null;

  /** Listed by a directory import: counts in adoption denominators. */
  @Column('boolean', { default: false })
  inDirectory: boolean;

  @Column('date', { nullable: true })
  startDate: string | null;

  /** Last day of employment; people who left stay for history but leave the denominator. */
  @Column('date', { nullable: true })
  endDate: string | null;

  /** Secret random key in [0, 2^32) of the cell-key method; set by the database, never shown. */
  @Column({ type: 'bigint', select: false, insert: false, update: false })
  recordKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
