import { BadRequestException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EFFECT_LABEL,
  MAX_BUSINESS_CASE_GOALS,
  type BusinessCaseGoal,
  type BusinessCaseQuery,
  type BusinessCaseReport,
  type BusinessValueReport,
  type GoalKpi,
  type ProgrammeCost,
  type ProgrammeCostView,
} from '@uptake/contracts';
import {
  businessValue,
  monthsBetween,
  programmeCost,
  publishedEffect,
  resolveValueModel,
  type GoalValueModel,
  type TimeSavedModel,
} from '@uptake/kpi';
import { BusinessGoal, Organisation, RolloutPhase, RolloutPlan } from '@uptake/persistence';
import { IsNull, Not, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { KpisService } from '../kpis/kpis.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { businessCaseTotals, commonCurrency } from './business-case-totals';
import { EffectsService, type MeasuredEffect } from './effects.service';
import { goalBaselineView } from './goal-baseline';
import { InterventionsService } from './interventions.service';

/** Why a goal has no value although it is measured. */
export const NO_PROGRAMME_COST = 'no programme cost set';

/**
 * The programme's cost on a rollout plan, and the executive business case: per goal its frozen baseline,
 * its measured effect (the measuring phase's difference-in-differences) and the value, cost, ROI and
 * payback built on it beside the goal's assumed value; totals over the goals; the interventions. Reads only
 * (the report never writes: effects come from the cache or are computed).
 */
@Injectable()
export class BusinessCaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
    private readonly kpis: KpisService,
    private readonly effects: EffectsService,
    private readonly interventions: InterventionsService,
  ) {}

  async programmeCost(organisationId: string, planId: string): Promise<ProgrammeCostView> {
    return costView(await this.plan(organisationId, planId));
  }

  async setProgrammeCost(
    organisationId: string,
    planId: string,
    cost: ProgrammeCost,
    principal: Principal,
  ): Promise<ProgrammeCostView> {
    const plan = await this.plan(organisationId, planId);
    // The contract takes any number; the horizon is counted in whole months (the payback is a month).
    if (!Number.isInteger(cost.months)) {
      throw new BadRequestException(`months: must be a whole number of months (got ${cost.months})`);
    }
    const updatedAt = new Date();
    await this.dataSource.getRepository(RolloutPlan).update(plan.id, {
      programmeCost: cost,
      programmeCostUpdatedAt: updatedAt,
    });
    await this.audit.record({
      action: 'rollout.programme_cost_set',
      organisationId,
      principal,
      targetType: 'rollout_plan',
      targetId: plan.id,
      details: { ...cost },
    });
    return costView({ ...plan, programmeCost: cost, programmeCostUpdatedAt: updatedAt });
  }

  async report(organisationId: string, query: BusinessCaseQuery): Promise<BusinessCaseReport> {
    const organisation = await this.organisations.get(organisationId);
    const plan = query.planId
      ? await this.plan(organisationId, query.planId)
      : await this.defaultPlan(organisationId);
    const startedOn = plan ? await this.planStart(plan) : null;
    const today = await this.effects.localDay(organisationId, new Date());
    const monthsElapsed = startedOn ? monthsBetween(startedOn, today) : 0;
    const goals = await this.dataSource.getRepository(BusinessGoal).find({
      where: { organisationId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: MAX_BUSINESS_CASE_GOALS,
    });
    const cost = plan?.programmeCost ?? null;
    const reports: BusinessCaseGoal[] = [];
    // One goal after the other: each effect is a bootstrap, and the work of one request stays bounded.
    for (const goal of goals) {
      reports.push(await this.goalReport(organisation, goal, cost, monthsElapsed));
    }
    const values = reports.flatMap((goal) => (goal.value ? [goal.value] : []));
    const costBreakdown = cost ? programmeCost(cost, hourlyCostOf(values, organisation)) : null;
    return {
      label: EFFECT_LABEL,
      plan: plan ? { id: plan.id, name: plan.name, startedOn } : null,
      currency: commonCurrency(values),
      monthsElapsed,
      cost,
      costBreakdown,
      goals: reports,
      totals:
        cost && costBreakdown ? businessCaseTotals(values, costBreakdown, cost.months, monthsElapsed) : null,
      interventions: await this.interventions.list(organisationId),
    };
  }

  /** One goal: baseline, measurement, phase, effect and value, or the problem that stops them. */
  private async goalReport(
    organisation: Organisation,
    goal: BusinessGoal,
    cost: ProgrammeCost | null,
    monthsElapsed: number,
  ): Promise<BusinessCaseGoal> {
    const base = {
      goalId: goal.id,
      name: goal.name,
      kpi: goal.kpi as GoalKpi,
      unit: goal.unit,
      baseline: goalBaselineView(goal),
      measurement: goal.measurement,
    };
    const none = { phase: null, effect: null, value: null };
    const measurement = goal.measurement;
    if (!measurement) {
      return {
        ...base,
        ...none,
        problem: 'not measured yet: set the phase that measures it (PUT …/measurement)',
      };
    }
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: measurement.phaseId, planId: measurement.planId, organisationId: organisation.id });
    if (!phase) return { ...base, ...none, problem: 'the phase that measured this goal was deleted' };
    const phaseView = {
      id: phase.id,
      name: phase.name,
      startedOn: phase.startedAt ? await this.effects.localDay(organisation.id, phase.startedAt) : null,
    };
    let effect: MeasuredEffect;
    try {
      effect = await this.effects.phaseEffect(organisation.id, measurement.planId, measurement.phaseId, {
        metric: measurement.metric ?? goal.kpi,
        comparison: measurement.comparison,
        preWeeks: measurement.preWeeks,
        postWeeks: measurement.postWeeks,
      });
    } catch (error) {
      // 409 (not started, people not resolved) and 422 (not measurable yet) explain a missing effect.
      if (error instanceof HttpException && error.getStatus() < 500) {
        return { ...base, phase: phaseView, effect: null, value: null, problem: error.message };
      }
      throw error;
    }
    const report = publishedEffect(effect);
    const problem = effect.reason?.message ?? null;
    if (!cost) return { ...base, phase: phaseView, effect: report, value: null, problem: NO_PROGRAMME_COST };
    const value = businessValue({
      effect,
      assumptions: measurement.assumptions,
      cost,
      monthsElapsed,
      assumed: await this.assumed(organisation, goal, measurement.assumptions.currency),
    });
    return { ...base, phase: phaseView, effect: report, value, problem };
  }

  /**
   * The goal's assumed value as the goals endpoint values it: its time-saved model (the organisation's
   * hourly cost and working days where it leaves them out) × the weekly active people of the last week.
   * Null without a model, in another currency than the measurement, or when the population cannot be read.
   */
  private async assumed(
    organisation: Organisation,
    goal: BusinessGoal,
    currency: string,
  ): Promise<{ model: TimeSavedModel; activePeople: number } | null> {
    const stored = goal.valueModel as Partial<GoalValueModel>;
    if (stored.kind !== 'time-saved') return null;
    const model = resolveValueModel(stored as GoalValueModel, {
      hourlyCost: organisation.defaultHourlyCost,
      workingDaysPerYear: organisation.workingDaysPerYear,
    });
    if (model.currency !== currency) return null;
    try {
      const { weeklyActive } = await this.kpis.weeklyGoalSeries(organisation.id, goal.kpi as GoalKpi, {
        orgUnitId: goal.orgUnitId,
        groupId: goal.groupId,
      });
      return weeklyActive === null ? null : { model, activePeople: weeklyActive };
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) return null;
      throw error;
    }
  }

  /**
   * The plan a business case is about when none is named: the programme someone has costed. Among the
   * active plans the latest created with a programme cost, else the latest active one; among the others
   * likewise; null without plans. (A pilot plan drafted next to the costed programme must not take its
   * place on the executives' page.)
   */
  private async defaultPlan(organisationId: string): Promise<RolloutPlan | null> {
    const plans = await this.dataSource.getRepository(RolloutPlan).find({
      where: { organisationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    const active = plans.filter((plan) => plan.status === 'active');
    const costed = (candidates: RolloutPlan[]) => candidates.find((plan) => plan.programmeCost !== null);
    return costed(active) ?? active[0] ?? costed(plans) ?? plans[0] ?? null;
  }

  /** The day the plan's first phase started (the earliest start of its phases), or null before. */
  private async planStart(plan: RolloutPlan): Promise<string | null> {
    const first = await this.dataSource.getRepository(RolloutPhase).findOne({
      where: { planId: plan.id, organisationId: plan.organisationId, startedAt: Not(IsNull()) },
      order: { startedAt: 'ASC' },
    });
    return first?.startedAt ? this.effects.localDay(plan.organisationId, first.startedAt) : null;
  }

  private async plan(organisationId: string, planId: string): Promise<RolloutPlan> {
    const plan = await this.dataSource.getRepository(RolloutPlan).findOneBy({ id: planId, organisationId });
    if (!plan) throw new NotFoundException(`Rollout plan ${planId} not found`);
    return plan;
  }
}

function costView(plan: RolloutPlan): ProgrammeCostView {
  return {
    planId: plan.id,
    cost: plan.programmeCost,
    updatedAt: plan.programmeCostUpdatedAt?.toISOString() ?? null,
  };
}

/**
 * The hourly cost the plan-level cost breakdown values people's time at: the first measured goal's (so a
 * business case of one goal shows that goal's cost), else the first valued goal's, else the organisation's
 * default hourly cost.
 */
function hourlyCostOf(values: readonly BusinessValueReport[], organisation: Organisation): number {
  const measured = values.find((value) => value.measured);
  return (measured ?? values[0])?.assumptions.hourlyCost ?? organisation.defaultHourlyCost;
}
