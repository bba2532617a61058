import type { InterventionKind, InterventionTarget } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A dated action of the rollout (a training, a campaign, a leadership post) aimed at a population. */
@Entity({ name: 'interventions' })
export class Intervention {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('date')
  day: string;

  @Column('text')
  kind: InterventionKind;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  note: string;

  /** Org-unit subtrees and groups it was aimed at (both empty: everyone). */
  @Column('jsonb')
  target: InterventionTarget;

  /** The user who logged it (null: deleted user or a token without a user). */
  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
