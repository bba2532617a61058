import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type RolloutPlanStatus = 'draft' | 'active' | 'completed' | 'archived';
export type RolloutPhaseStatus = 'planned' | 'active' | 'completed' | 'skipped';

/** A phased rollout of the social network (e.g. Pilot -> Best cases -> Full rollout). */
@Entity({ name: 'rollout_plans' })
export class RolloutPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  name: string;

  @Column('text', { default: 'draft' })
  status: RolloutPlanStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'rollout_phases' })
export class RolloutPhase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  /** Order within the plan, from 0. */
  @Column('integer')
  position: number;

  @Column('text')
  name: string;

  @Column('text', { default: 'planned' })
  status: RolloutPhaseStatus;

  @Column('date', { nullable: true })
  plannedStart: string | null;

  @Column('date', { nullable: true })
  plannedEnd: string | null;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** Who the phase targets: org units, explicit people, or attribute rules. */
  @Column('jsonb', { default: {} })
  target: Record<string, unknown>;

  /** KPI-based criteria that must hold before the next phase starts. */
  @Column('jsonb', { default: [] })
  gateCriteria: unknown[];
}
