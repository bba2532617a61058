import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FreezeBaselineRequest, GoalBaselineView, GoalKpi, GoalMeasurement } from '@uptake/contracts';
import { freezeBaseline } from '@uptake/kpi';
import { BusinessGoal, RolloutPhase, RolloutPlan } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { DateBounds } from '../common/date-bounds';
import { KpisService } from '../kpis/kpis.service';
import { EffectsService } from './effects.service';
import { goalDefinition, prePeriodProblem, weeksBefore, wholeWeeks, type PrePeriod } from './goal-baseline';

/**
 * A goal's measurement (which phase measures it, against which comparison, with which value assumptions)
 * and its frozen baseline (the mean of its published weekly values over a pre-period, with the hash of
 * what it measured). Writes are audited.
 */
@Injectable()
export class GoalMeasurementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bounds: DateBounds,
    private readonly kpis: KpisService,
    private readonly effects: EffectsService,
  ) {}

  /** The plan and the phase must be the organisation's, the phase one of the plan's (404 naming the field). */
  async setMeasurement(
    organisationId: string,
    goalId: string,
    measurement: GoalMeasurement,
    principal: Principal,
  ): Promise<GoalMeasurement> {
    const goal = await this.goal(organisationId, goalId);
    const plan = await this.dataSource
      .getRepository(RolloutPlan)
      .findOneBy({ id: measurement.planId, organisationId });
    if (!plan) throw new NotFoundException(`planId: rollout plan ${measurement.planId} not found`);
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: measurement.phaseId, planId: plan.id, organisationId });
    if (!phase) {
      throw new NotFoundException(
        `phaseId: rollout phase ${measurement.phaseId} not found in plan '${plan.name}'`,
      );
    }
    await this.dataSource.getRepository(BusinessGoal).update(goal.id, { measurement });
    await this.record('goal.measurement_set', organisationId, principal, goal.id, {
      planId: measurement.planId,
      phaseId: measurement.phaseId,
      metric: measurement.metric ?? goal.kpi,
      comparison: measurement.comparison,
    });
    return measurement;
  }

  /** Idempotent: a goal without a measurement stays without one. */
  async removeMeasurement(organisationId: string, goalId: string, principal: Principal): Promise<void> {
    const goal = await this.goal(organisationId, goalId);
    await this.dataSource.getRepository(BusinessGoal).update(goal.id, { measurement: null });
    await this.record('goal.measurement_removed', organisationId, principal, goal.id, {});
  }

  /**
   * Freezes the goal's baseline: the mean of the goal KPI's published weekly values for the goal's
   * population over the pre-period (from/to, snapped to whole weeks; by default the measurement's preWeeks
   * weeks before its phase's start). Withheld weeks are left out, never read as 0.
   */
  async freeze(
    organisationId: string,
    goalId: string,
    request: FreezeBaselineRequest,
    principal: Principal,
  ): Promise<GoalBaselineView> {
    const goal = await this.goal(organisationId, goalId);
    const period = await this.prePeriod(goal, request);
    const problem = prePeriodProblem(period);
    if (problem) throw new BadRequestException(problem);
    const { series } = await this.kpis.weeklyGoalSeriesBetween(
      organisationId,
      goal.kpi as GoalKpi,
      { orgUnitId: goal.orgUnitId, groupId: goal.groupId },
      period.from,
      period.to,
    );
    const frozen = freezeBaseline(
      goalDefinition(goal),
      series.filter((point) => point.week >= period.from && point.week <= period.to),
    );
    const frozenAt = new Date();
    await this.dataSource
      .getRepository(BusinessGoal)
      .update(goal.id, { frozenBaseline: frozen, baselineFrozenAt: frozenAt });
    await this.record('goal.baseline_frozen', organisationId, principal, goal.id, {
      from: frozen.from,
      to: frozen.to,
      value: frozen.value,
      definitionHash: frozen.definitionHash,
    });
    // Frozen with the goal's current definition: unchanged by construction.
    return { ...frozen, frozenAt: frozenAt.toISOString(), changed: false };
  }

  /** Idempotent: a goal without a frozen baseline stays without one. */
  async unfreeze(organisationId: string, goalId: string, principal: Principal): Promise<void> {
    const goal = await this.goal(organisationId, goalId);
    await this.dataSource
      .getRepository(BusinessGoal)
      .update(goal.id, { frozenBaseline: null, baselineFrozenAt: null });
    await this.record('goal.baseline_removed', organisationId, principal, goal.id, {});
  }

  /** The pre-period a request asks for, or the measurement's default; 400 saying what is missing. */
  private async prePeriod(goal: BusinessGoal, request: FreezeBaselineRequest): Promise<PrePeriod> {
    if (request.from || request.to) {
      if (!request.from || !request.to) {
        throw new BadRequestException(
          `${request.from ? 'to' : 'from'}: send from and to together, or neither (then the pre-period is the measurement's preWeeks before its phase's start)`,
        );
      }
      this.bounds.assertReportDay('from', request.from);
      this.bounds.assertReportDay('to', request.to);
      const period = wholeWeeks(request.from, request.to);
      if (!period)
        throw new BadRequestException(`from (${request.from}) must not be after to (${request.to})`);
      return period;
    }
    const measurement = goal.measurement;
    if (!measurement) {
      throw new BadRequestException(
        'from and to are needed: the goal has no measurement (PUT …/goals/:goalId/measurement) whose phase start would give the pre-period',
      );
    }
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: measurement.phaseId, organisationId: goal.organisationId });
    if (!phase) {
      throw new ConflictException(
        "The goal's measuring phase no longer exists: set another measurement, or send from and to",
      );
    }
    if (!phase.startedAt) {
      throw new ConflictException(
        `Rollout phase '${phase.name}' has not started: send from and to, or freeze once it has started`,
      );
    }
    const start = await this.effects.localDay(goal.organisationId, phase.startedAt);
    return weeksBefore(start, measurement.preWeeks);
  }

  private async goal(organisationId: string, goalId: string): Promise<BusinessGoal> {
    const goal = await this.dataSource.getRepository(BusinessGoal).findOneBy({ id: goalId, organisationId });
    if (!goal) throw new NotFoundException(`Goal ${goalId} not found`);
    return goal;
  }

  private record(
    action:
      'goal.measurement_set' | 'goal.measurement_removed' | 'goal.baseline_frozen' | 'goal.baseline_removed',
    organisationId: string,
    principal: Principal,
    goalId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      action,
      organisationId,
      principal,
      targetType: 'business_goal',
      targetId: goalId,
      details,
    });
  }
}
