import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Advance,
  ComparisonQuery,
  ComparisonReport,
  CreatePlan,
  GateEvaluation,
  PhaseBody,
  PhaseTransition,
  PopulationTarget,
  RolloutPhaseView,
  RolloutPlanView,
  UpdatePlan,
} from '@uptake/contracts';
import {
  DirectoryRepository,
  Organisation,
  RolloutGateEvaluation,
  RolloutPhase,
  RolloutPlan,
  RolloutRepository,
  RolloutTransition,
} from '@uptake/persistence';
import {
  addJob,
  gateEvaluationDeduplicationId,
  JOBS,
  QUEUES,
  type EvaluateGatesJob,
  type UptakeQueue,
} from '@uptake/queues';
import {
  defaultPhases,
  PhaseInputError,
  phasePopulationProblems,
  resolvePhase,
  RolloutEvaluator,
  toGateEvaluation,
  type PhaseDefinition,
} from '@uptake/rollout';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DateBounds } from '../common/date-bounds';
import type { Principal } from '../auth/principal';

/**
 * Rollout plans and their phases. Gates are evaluated by the worker (this service queues evaluations);
 * advancing a phase is an explicit, audited action that checks the latest evaluation. A phase's people are
 * resolved into its cohort groups when it is saved (and again by the worker's evaluations), so reading a
 * plan or a comparison never writes.
 */
@Injectable()
export class RolloutsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.rollouts) private readonly queue: UptakeQueue<'rollouts'>,
    private readonly audit: AuditService,
    private readonly bounds: DateBounds,
    private readonly evaluator: RolloutEvaluator,
    private readonly rollouts: RolloutRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async list(organisationId: string): Promise<RolloutPlanView[]> {
    const plans = await this.dataSource
      .getRepository(RolloutPlan)
      .find({ where: { organisationId }, order: { createdAt: 'DESC' } });
    return Promise.all(plans.map((plan) => this.view(plan)));
  }

  async get(organisationId: string, planId: string): Promise<RolloutPlanView> {
    return this.view(await this.plan(organisationId, planId));
  }

  async create(organisationId: string, input: CreatePlan): Promise<RolloutPlanView> {
    this.bounds.assertPlanningDay('startDate', input.startDate);
    const startDate = input.startDate ?? new Date().toISOString().slice(0, 10);
    let phases: PhaseDefinition[] = [];
    if (input.template === 'default') {
      const pilot = input.pilotTarget;
      if (pilot) {
        await this.assertTargetBelongs(organisationId, pilot, 'pilotTarget');
        await this.assertPopulations(
          organisationId,
          { target: pilot, comparison: { kind: 'rest-of-organisation' } },
          [],
          'pilotTarget',
        );
      }
      phases = defaultPhases(startDate, pilot);
    }
    const plan = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(RolloutPlan).save({ organisationId, name: input.name });
      const rows = await manager
        .getRepository(RolloutPhase)
        .save(phases.map((phase, position) => ({ ...phase, organisationId, planId: saved.id, position })));
      for (const row of rows) await this.evaluator.refreshPopulations(row, manager);
      return saved;
    });
    await this.queueEvaluation(organisationId, plan.id, 'change');
    return this.view(plan);
  }

  async update(organisationId: string, planId: string, input: UpdatePlan): Promise<RolloutPlanView> {
    const plan = await this.plan(organisationId, planId);
    if (input.name !== undefined) plan.name = input.name;
    if (input.status !== undefined && input.status !== plan.status) {
      if (input.status === 'archived') {
        plan.status = 'archived';
      } else if (plan.status === 'archived' && input.status !== 'completed') {
        // Re-opening: the phases say whether the plan is under way.
        const started = await this.dataSource
          .getRepository(RolloutPhase)
          .countBy({ planId, status: In(['active', 'completed']) });
        plan.status = started > 0 ? 'active' : 'draft';
      } else {
        throw new BadRequestException(
          `status can be set to 'archived' (or back from it); phases are started with POST …/advance`,
        );
      }
    }
    await this.dataSource.getRepository(RolloutPlan).save(plan);
    return this.view(plan);
  }

  async addPhase(organisationId: string, planId: string, input: PhaseBody): Promise<RolloutPlanView> {
    const plan = await this.plan(organisationId, planId);
    const phase = this.parsePhase(input);
    await this.assertPhaseTargetsBelong(organisationId, phase);
    await this.assertPopulations(organisationId, phase, []);
    await this.dataSource.transaction(async (manager) => {
      const position = await this.rollouts.nextPhasePosition(planId, manager);
      const saved = await manager
        .getRepository(RolloutPhase)
        .save({ ...phase, organisationId, planId, position });
      await this.evaluator.refreshPopulations(saved, manager);
    });
    await this.queueEvaluation(organisationId, planId, 'change');
    return this.view(plan);
  }

  async updatePhase(
    organisationId: string,
    planId: string,
    phaseId: string,
    input: PhaseBody,
  ): Promise<RolloutPlanView> {
    const plan = await this.plan(organisationId, planId);
    const existing = await this.phase(plan, phaseId);
    const phase = this.parsePhase(input, existing);
    await this.assertPhaseTargetsBelong(organisationId, phase);
    const own = [existing.cohortGroupId, existing.comparisonGroupId].filter(
      (id): id is string => id !== null,
    );
    await this.assertPopulations(organisationId, phase, own, 'target', existing.id);
    await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(RolloutPhase).save({ ...existing, ...phase });
      await this.evaluator.refreshPopulations(saved, manager);
    });
    await this.queueEvaluation(organisationId, planId, 'change');
    return this.view(plan);
  }

  async removePhase(organisationId: string, planId: string, phaseId: string): Promise<RolloutPlanView> {
    const plan = await this.plan(organisationId, planId);
    const phase = await this.phase(plan, phaseId);
    if (phase.status === 'active' || phase.status === 'completed') {
      throw new ConflictException(`phase '${phase.name}' has started; it can no longer be removed`);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(RolloutPhase).delete({ id: phase.id });
      await this.rollouts.closePositionGap(planId, phase.position, manager);
      const cohorts = [phase.cohortGroupId, phase.comparisonGroupId].filter(
        (id): id is string => id !== null,
      );
      await this.directory.deleteCohorts(cohorts, manager);
    });
    return this.view(plan);
  }

  /** Queues an evaluation of the plan's gates by the worker. */
  async evaluate(organisationId: string, planId: string): Promise<{ queued: true }> {
    await this.plan(organisationId, planId);
    await this.queueEvaluation(organisationId, planId, 'manual');
    return { queued: true };
  }

  /**
   * Completes the active phase and starts the next one (or starts the first phase of a plan not under way).
   * Leaving a phase needs its latest gate evaluation to pass, unless overridden with a note; either way the
   * move is recorded as a transition and in the audit log.
   */
  async advance(
    organisationId: string,
    planId: string,
    input: Advance,
    principal: Principal,
  ): Promise<RolloutPlanView> {
    await this.plan(organisationId, planId);
    this.bounds.assertReportDay('startedOn', input.startedOn);
    const transition = await this.dataSource.transaction(async (manager) => {
      await this.rollouts.lockPlan(planId, manager);
      const phases = await manager
        .getRepository(RolloutPhase)
        .find({ where: { planId }, order: { position: 'ASC' } });
      const active = phases.find((phase) => phase.status === 'active') ?? null;
      const next = phases.find(
        (phase) => phase.status === 'planned' && (!active || phase.position > active.position),
      );
      if (!active && !next) throw new ConflictException('the plan has no phase left to start');
      const gate = active ? await this.latestEvaluation(manager, active.id) : null;
      if (active && gate?.status !== 'pass') {
        const state = gate
          ? `is ${gate.status} (evaluated ${gate.evaluatedAt})`
          : 'has not been evaluated yet';
        if (!input.override) {
          throw new ConflictException(
            `the gate of phase '${active.name}' ${state}: advance with override and a note to proceed anyway`,
          );
        }
        if (!input.note?.trim()) {
          throw new BadRequestException(
            `note is required when overriding the gate of phase '${active.name}'`,
          );
        }
      }
      const now = input.startedOn
        ? await this.backdatedStart(manager, organisationId, planId, input.startedOn)
        : new Date();
      if (active) {
        await manager
          .getRepository(RolloutPhase)
          .update(active.id, { status: 'completed', completedAt: now });
      }
      if (next)
        await manager.getRepository(RolloutPhase).update(next.id, { status: 'active', startedAt: now });
      await manager.getRepository(RolloutPlan).update(planId, { status: next ? 'active' : 'completed' });
      return manager.getRepository(RolloutTransition).save({
        organisationId,
        planId,
        fromPhaseId: active?.id ?? null,
        toPhaseId: next?.id ?? null,
        at: now,
        actorUserId: principal.userId,
        overridden: Boolean(active && gate?.status !== 'pass'),
        gateStatus: gate?.status ?? null,
        note: input.note?.trim() || null,
      });
    });
    await this.audit.record({
      action: 'rollout.phase_advanced',
      organisationId,
      principal,
      targetType: 'rollout_plan',
      targetId: planId,
      details: {
        fromPhaseId: transition.fromPhaseId,
        toPhaseId: transition.toPhaseId,
        overridden: transition.overridden,
        gateStatus: transition.gateStatus,
      },
    });
    await this.queueEvaluation(organisationId, planId, 'change');
    return this.get(organisationId, planId);
  }

  /**
   * When a phase change recorded later really happened: 00:00 of `startedOn` in the organisation's time zone
   * (the zone its KPI days are counted in, so the phase starts exactly on that day of the reports). Refused
   * (400, naming startedOn) after today in that zone and before the day of the plan's previous transition
   * (advance() has checked EVENT_EARLIEST_DATE..tomorrow UTC before). On that same day the change is put at the previous transition's time instead, so
   * transitions keep their order.
   */
  private async backdatedStart(
    manager: EntityManager,
    organisationId: string,
    planId: string,
    startedOn: string,
  ): Promise<Date> {
    const [row]: {
      today: string;
      zone: string;
      start: Date;
      previous: Date | null;
      previous_day: string | null;
    }[] = await manager.query(
      `SELECT to_char((now() AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS today, o.time_zone AS zone,
              ($3::date)::timestamp AT TIME ZONE o.time_zone AS start, t.at AS previous,
              to_char((t.at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS previous_day
       FROM organisations o
       LEFT JOIN LATERAL (SELECT max(at) AS at FROM rollout_transitions WHERE plan_id = $2) t ON true
       WHERE o.id = $1`,
      [organisationId, planId, startedOn],
    );
    if (startedOn > row.today) {
      throw new BadRequestException(
        `startedOn ${startedOn} is after ${row.today}, today in the organisation's time zone (${row.zone}): a phase cannot start in the future`,
      );
    }
    if (row.previous && row.previous_day && startedOn < row.previous_day) {
      throw new BadRequestException(
        `startedOn ${startedOn} is before ${row.previous_day}, the day of the plan's previous phase change`,
      );
    }
    return row.previous && row.previous > row.start ? row.previous : row.start;
  }

  async transitions(organisationId: string, planId: string): Promise<PhaseTransition[]> {
    await this.plan(organisationId, planId);
    const rows = await this.rollouts.transitions(planId);
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actor: row.actor,
      fromPhaseId: row.from_phase_id,
      toPhaseId: row.to_phase_id,
      overridden: row.overridden,
      gateStatus: row.gate_status,
      note: row.note,
    }));
  }

  async evaluations(
    organisationId: string,
    planId: string,
    phaseId: string,
    limit: number,
  ): Promise<GateEvaluation[]> {
    const phase = await this.phase(await this.plan(organisationId, planId), phaseId);
    const rows = await this.dataSource
      .getRepository(RolloutGateEvaluation)
      .find({ where: { phaseId: phase.id }, order: { evaluatedAt: 'DESC' }, take: limit });
    return rows.map(toGateEvaluation);
  }

  async comparison(
    organisationId: string,
    planId: string,
    phaseId: string,
    query: ComparisonQuery,
  ): Promise<ComparisonReport> {
    const phase = await this.phase(await this.plan(organisationId, planId), phaseId);
    this.bounds.assertReportDay('from', query.from);
    this.bounds.assertReportDay('to', query.to);
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestException(`from (${query.from}) must not be after to (${query.to})`);
    }
    // The evaluator refuses a range of more than MAX_COMPARISON_WEEKS weeks (each week is a set of KPIs).
    return asBadRequest(() => this.evaluator.comparison(phase, query));
  }

  private async view(plan: RolloutPlan): Promise<RolloutPlanView> {
    const phases = await this.dataSource
      .getRepository(RolloutPhase)
      .find({ where: { planId: plan.id }, order: { position: 'ASC' } });
    const evaluations = await this.rollouts.latestEvaluations(plan.id);
    const byPhase = new Map(evaluations.map((row) => [row.phaseId, toGateEvaluation(row)]));
    return {
      id: plan.id,
      name: plan.name,
      status: plan.status,
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
      phases: phases.map((phase): RolloutPhaseView => ({
        id: phase.id,
        position: phase.position,
        name: phase.name,
        status: phase.status,
        plannedStart: phase.plannedStart,
        plannedEnd: phase.plannedEnd,
        startedAt: phase.startedAt?.toISOString() ?? null,
        completedAt: phase.completedAt?.toISOString() ?? null,
        target: phase.target,
        comparison: phase.comparison,
        gateCriteria: phase.gateCriteria,
        cohortGroupId: phase.cohortGroupId,
        comparisonGroupId: phase.comparisonGroupId,
        latestEvaluation: byPhase.get(phase.id) ?? null,
      })),
    };
  }

  private async latestEvaluation(manager: EntityManager, phaseId: string): Promise<GateEvaluation | null> {
    const row = await manager
      .getRepository(RolloutGateEvaluation)
      .findOne({ where: { phaseId }, order: { evaluatedAt: 'DESC' } });
    return row ? toGateEvaluation(row) : null;
  }

  private async queueEvaluation(
    organisationId: string,
    planId: string,
    trigger: EvaluateGatesJob['trigger'],
  ): Promise<void> {
    // Requests while one waits join it; one made while an evaluation runs gets its own run after it.
    await addJob(
      this.queue,
      JOBS.evaluateGates,
      { organisationId, planId, trigger },
      {
        deduplication: { id: gateEvaluationDeduplicationId(organisationId, planId), keepLastIfActive: true },
      },
    );
  }

  /** Another organisation's plan is indistinguishable from one that does not exist. */
  private async plan(organisationId: string, planId: string): Promise<RolloutPlan> {
    const plan = await this.dataSource.getRepository(RolloutPlan).findOneBy({ id: planId, organisationId });
    if (!plan) throw new NotFoundException(`Rollout plan ${planId} not found`);
    return plan;
  }

  private async phase(plan: RolloutPlan, phaseId: string): Promise<RolloutPhase> {
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: phaseId, planId: plan.id });
    if (!phase) throw new NotFoundException(`Phase ${phaseId} not found in plan '${plan.name}'`);
    return phase;
  }

  private parsePhase(input: PhaseBody, previous?: PhaseDefinition): PhaseDefinition {
    const phase = resolvePhase(input, previous);
    this.bounds.assertPlanningDay('plannedStart', phase.plannedStart);
    this.bounds.assertPlanningDay('plannedEnd', phase.plannedEnd);
    return phase;
  }

  private async assertPhaseTargetsBelong(organisationId: string, phase: PhaseDefinition): Promise<void> {
    await this.assertTargetBelongs(organisationId, phase.target, 'target');
    if (phase.comparison.kind === 'target') {
      await this.assertTargetBelongs(organisationId, phase.comparison, 'comparison');
    }
  }

  /**
   * Minimum population and difference rules: a target or comparison group of 1..k-1 people, or a target
   * 1..k-1 people away from a group of the organisation, is refused (its figures minus the other's would be
   * about those people).
   */
  private async assertPopulations(
    organisationId: string,
    phase: Pick<PhaseDefinition, 'target' | 'comparison'>,
    ownGroupIds: string[],
    field = 'target',
    exceptPhaseId?: string,
  ): Promise<void> {
    const { minGroupSize } = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const others = (await this.dataSource.getRepository(RolloutPhase).find({ where: { organisationId } }))
      .filter((other) => other.id !== exceptPhaseId)
      .map((other) => ({ name: other.name, target: other.target }));
    const problems = await phasePopulationProblems(
      this.dataSource,
      organisationId,
      phase,
      minGroupSize,
      ownGroupIds,
      others,
    );
    if (problems.length > 0) {
      throw new BadRequestException(problems.map((problem) => problem.replace(/^target:/, `${field}:`)));
    }
  }

  /** Org units and groups of a target must be the organisation's own (unknown ids are named). */
  private async assertTargetBelongs(
    organisationId: string,
    target: PopulationTarget,
    field: string,
  ): Promise<void> {
    const problems = [
      ...(await this.directory.missing('org_units', organisationId, target.orgUnitIds)).map(
        (id) => `${field}.orgUnitIds: org unit ${id} not found`,
      ),
      ...(await this.directory.missing('groups', organisationId, target.groupIds)).map(
        (id) => `${field}.groupIds: group ${id} not found`,
      ),
    ];
    if (problems.length > 0) throw new BadRequestException(problems);
  }
}

/** The rollout library's field-named input problems as a 400 listing them (thrown, or a rejected promise). */
function asBadRequest<T>(call: () => T): T {
  const mapped = (error: unknown): never => {
    if (error instanceof PhaseInputError) throw new BadRequestException(error.problems);
    throw error;
  };
  try {
    const result = call();
    return (result instanceof Promise ? result.catch(mapped) : result) as T;
  } catch (error) {
    return mapped(error);
  }
}
