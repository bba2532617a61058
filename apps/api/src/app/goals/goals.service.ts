import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  annualValue,
  GOAL_KPIS,
  goalProgress,
  resolveValueModel,
  type GoalKpi,
  type GoalValueModel,
  type ValueModelDefaults,
} from '@uptake/kpi';
import type { CreateGoalRequest, GoalView, UpdateGoalRequest } from '@uptake/contracts';
import { BusinessGoal } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { DateBounds } from '../common/date-bounds';
import { KpisService } from '../kpis/kpis.service';
import { OrganisationsService } from '../organisations/organisations.service';

/** Business goals: a KPI with baseline, target and deadline, its progress and estimated annual value. */
@Injectable()
export class GoalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kpis: KpisService,
    private readonly bounds: DateBounds,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(organisationId: string): Promise<GoalView[]> {
    const goals = await this.dataSource
      .getRepository(BusinessGoal)
      .find({ where: { organisationId }, order: { createdAt: 'ASC' } });
    const defaults = await this.valueDefaults(organisationId);
    return Promise.all(goals.map((goal) => this.withProgress(goal, defaults)));
  }

  async create(organisationId: string, input: CreateGoalRequest): Promise<GoalView> {
    this.bounds.assertPlanningDay('deadline', input.deadline);
    await this.kpis.assertFilterBelongs(organisationId, input);
    const goal = await this.dataSource.getRepository(BusinessGoal).save({
      organisationId,
      name: input.name,
      kpi: input.kpi,
      unit: input.unit ?? '',
      baseline: input.baseline,
      target: input.target,
      deadline: input.deadline ?? null,
      orgUnitId: input.orgUnitId ?? null,
      groupId: input.groupId ?? null,
      valueModel: input.valueModel ? { ...input.valueModel } : {},
    });
    return this.withProgress(goal, await this.valueDefaults(organisationId));
  }

  async update(organisationId: string, goalId: string, input: UpdateGoalRequest): Promise<GoalView> {
    const goal = await this.get(organisationId, goalId);
    this.bounds.assertPlanningDay('deadline', input.deadline);
    await this.kpis.assertFilterBelongs(organisationId, input);
    const { valueModel, ...rest } = input;
    const saved = await this.dataSource.getRepository(BusinessGoal).save({
      ...goal,
      ...rest,
      ...(valueModel ? { valueModel: { ...valueModel } } : {}),
    });
    return this.withProgress(saved, await this.valueDefaults(organisationId));
  }

  async remove(organisationId: string, goalId: string): Promise<void> {
    await this.get(organisationId, goalId);
    await this.dataSource.getRepository(BusinessGoal).delete({ id: goalId, organisationId });
  }

  private async get(organisationId: string, goalId: string): Promise<BusinessGoal> {
    const goal = await this.dataSource.getRepository(BusinessGoal).findOneBy({ id: goalId, organisationId });
    if (!goal) throw new NotFoundException(`Goal ${goalId} not found`);
    return goal;
  }

  /** The organisation's hourly cost and working days, for goals whose value model leaves them out. */
  private async valueDefaults(organisationId: string): Promise<ValueModelDefaults> {
    const organisation = await this.organisations.get(organisationId);
    return {
      hourlyCost: organisation.defaultHourlyCost,
      workingDaysPerYear: organisation.workingDaysPerYear,
    };
  }

  private async withProgress(goal: BusinessGoal, defaults: ValueModelDefaults): Promise<GoalView> {
    const kpi = goal.kpi as GoalKpi;
    const { series, weeklyActive } = await this.kpis.weeklyGoalSeries(goal.organisationId, kpi, {
      orgUnitId: goal.orgUnitId,
      groupId: goal.groupId,
    });
    const model = goal.valueModel as Partial<GoalValueModel>;
    const valueModel = model.kind === 'time-saved' ? (model as GoalValueModel) : null;
    return {
      id: goal.id,
      name: goal.name,
      kpi,
      kpiDescription: GOAL_KPIS[kpi],
      unit: goal.unit,
      baseline: goal.baseline,
      target: goal.target,
      deadline: goal.deadline,
      orgUnitId: goal.orgUnitId,
      groupId: goal.groupId,
      valueModel,
      progress: { ...goalProgress(goal, series), series },
      annualValue:
        valueModel && weeklyActive !== null
          ? annualValue(resolveValueModel(valueModel, defaults), weeklyActive)
          : null,
    };
  }
}
