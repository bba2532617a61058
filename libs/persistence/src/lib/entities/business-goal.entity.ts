import type { FrozenBaseline, GoalMeasurement } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericAsNumber } from './numeric-column';

/** A business-case goal: a KPI with baseline, target, deadline and a model of its value in time/money. */
@Entity({ name: 'business_goals' })
export class BusinessGoal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  name: string;

  /** Key of the KPI this goal tracks (e.g. 'wau_rate'). */
  @Column('text')
  kpi: string;

  @Column('text', { default: '' })
  unit: string;

  /** Scope: an org unit subtree, a group, or (both null) the whole organisation. */
  @Column('uuid', { nullable: true })
  orgUnitId: string | null;

  @Column('uuid', { nullable: true })
  groupId: string | null;

  @Column('numeric', { transformer: numericAsNumber })
  baseline: number;

  @Column('numeric', { transformer: numericAsNumber })
  target: number;

  @Column('date', { nullable: true })
  deadline: string | null;

  /**
   * e.g. { kind: 'time-saved', minutesPerActivePersonPerDay: 5, currency: 'EUR', hourlyCost: 60 }; without
   * hourlyCost or workingDaysPerYear the organisation's defaults apply.
   */
  @Column('jsonb', { default: {} })
  valueModel: Record<string, unknown>;

  /** The baseline frozen over a pre-period, with the hash of its definition (FrozenBaseline); null: not frozen. */
  @Column('jsonb', { nullable: true })
  frozenBaseline: FrozenBaseline | null;

  @Column('timestamptz', { nullable: true })
  baselineFrozenAt: Date | null;

  /** Which phase measures the goal, against which comparison, with which value assumptions (GoalMeasurement). */
  @Column('jsonb', { nullable: true })
  measurement: GoalMeasurement | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
