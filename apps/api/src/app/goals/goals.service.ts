import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { annualValue, GOAL_KPIS, goalProgress, type GoalKpi, type TimeSavedModel } from '@uptake/kpi';
import { BusinessGoal } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { KpisService } from '../kpis/kpis.service';
import type { CreateGoalDto, GoalDto, UpdateGoalDto } from './dto/goal.dto';

/** Business goals: a KPI with baseline, target and deadline, its progress and estimated annual value. */
@Injectable()
export class GoalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kpis: KpisService,
  ) {}

  async list(organisationId: string): Promise<GoalDto[]> {
    const goals = await this.dataSource
      .getRepository(BusinessGoal)
      .find({ where: { organisationId }, order: { createdAt: 'ASC' } });
    return Promise.all(goals.map((goal) => this.withProgress(goal)));
  }

  async create(organisationId: string, input: CreateGoalDto): Promise<GoalDto> {
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
    return this.withProgress(goal);
  }

  async update(organisationId: string, goalId: string, input: UpdateGoalDto): Promise<GoalDto> {
    const goal = await this.get(organisationId, goalId);
    await this.kpis.assertFilterBelongs(organisationId, input);
    const { valueModel, ...rest } = input;
    const saved = await this.dataSource.getRepository(BusinessGoal).save({
      ...goal,
      ...rest,
      ...(valueModel ? { valueModel: { ...valueModel } } : {}),
    });
    return this.withProgress(saved);
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

  private async withProgress(goal: BusinessGoal): Promise<GoalDto> {
    const kpi = goal.kpi as GoalKpi;
    const { series, weeklyActive } = await this.kpis.weeklyGoalSeries(goal.organisationId, kpi, {
      orgUnitId: goal.orgUnitId,
      groupId: goal.groupId,
    });
    const model = goal.valueModel as Partial<TimeSavedModel>;
    const valueModel = model.kind === 'time-saved' ? (model as TimeSavedModel) : null;
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
      annualValue: valueModel && weeklyActive !== null ? annualValue(valueModel, weeklyActive) : null,
    };
  }
}
