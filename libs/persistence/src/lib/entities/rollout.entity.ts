import type {
  ComparisonTarget,
  CriterionEvaluation,
  GateCriterion,
  GateEvaluation,
  GateStatus,
  PopulationTarget,
  ProgrammeCost,
  RolloutPhaseStatus,
  RolloutPlanStatus,
} from '@uptake/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type { RolloutPhaseStatus, RolloutPlanStatus };

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

  /** What the programme costs (licences, one-off costs, people's time); null until set. */
  @Column('jsonb', { nullable: true })
  programmeCost: ProgrammeCost | null;

  @Column('timestamptz', { nullable: true })
  programmeCostUpdatedAt: Date | null;

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

  /** Who the phase targets: org units, groups, explicit people, narrowed by attribute rules. */
  @Column('jsonb')
  target: PopulationTarget;

  /** Who the phase's population is compared with. */
  @Column('jsonb')
  comparison: ComparisonTarget;

  /** KPI-based criteria that must hold before the next phase starts. */
  @Column('jsonb', { default: [] })
  gateCriteria: GateCriterion[];

  /** The resolved target as a cohort group (refreshed at each evaluation), so KPIs filter on it. */
  @Column('uuid', { nullable: true })
  cohortGroupId: string | null;

  @Column('uuid', { nullable: true })
  comparisonGroupId: string | null;
}

/** One evaluation of a phase's gate: kept as history. */
@Entity({ name: 'rollout_gate_evaluations' })
export class RolloutGateEvaluation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  @Column('uuid')
  phaseId: string;

  @Column('timestamptz', { default: () => 'now()' })
  evaluatedAt: Date;

  @Column('date')
  asOf: string;

  @Column('text')
  trigger: GateEvaluation['trigger'];

  @Column('text')
  status: GateStatus;

  @Column('integer', { nullable: true })
  population: number | null;

  @Column('jsonb')
  criteria: CriterionEvaluation[];
}

/** An explicit, audited move from one phase to the next. */
@Entity({ name: 'rollout_transitions' })
export class RolloutTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  @Column('uuid', { nullable: true })
  fromPhaseId: string | null;

  @Column('uuid', { nullable: true })
  toPhaseId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('boolean', { default: false })
  overridden: boolean;

  @Column('text', { nullable: true })
  gateStatus: GateStatus | null;

  @Column('text', { nullable: true })
  note: string | null;
}

/** A version of the organisation's usage guidelines for the social network. */
@Entity({ name: 'usage_guidelines' })
export class UsageGuideline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  version: string;

  @Column('text')
  title: string;

  @Column('date')
  publishedOn: string;

  @Column('text', { nullable: true })
  url: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A person who acknowledged a guideline version (imported; by pseudonymised person). */
@Entity({ name: 'guideline_acknowledgements' })
export class GuidelineAcknowledgement {
  @PrimaryColumn('uuid')
  guidelineId: string;

  @PrimaryColumn('uuid')
  personId: string;

  @Column('uuid')
  organisationId: string;

  @Column('date', { nullable: true })
  acknowledgedOn: string | null;
}
