import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
  type Provider,
} from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { DifferenceInDifferencesReport, EffectQuery } from '@uptake/contracts';
import {
  EffectUnavailableError,
  measureEffect,
  publishedEffect,
  ReportCache,
  type EffectComparison,
  type MeasuredEffect,
  type PanelPopulation,
} from '@uptake/kpi';
import { Intervention, Organisation, RolloutPhase, RolloutPlan } from '@uptake/persistence';
import { organisationDay, phaseComparison } from '@uptake/rollout';
import type { DataSource } from 'typeorm';

/** The cache of computed effects (their bootstrap is the expensive part): one per process. */
export const EFFECT_CACHE = Symbol('EFFECT_CACHE');

/**
 * Effects computed per process, kept until the organisation's rollups, directory, time zone or disclosure
 * settings change (the ReportCache's state) or a sync run finishes (usage reports: see lastSyncFinished),
 * keyed by everything the computation reads. At most 50 entries (each a report and its 1,000
 * replicate effects, a few tens of kB): the least recently used go first.
 */
export const EFFECT_CACHE_CAPACITY = 50;
export const effectCacheProvider: Provider = {
  provide: EFFECT_CACHE,
  useFactory: (dataSource: DataSource) => new ReportCache(dataSource, EFFECT_CACHE_CAPACITY),
  inject: [getDataSourceToken()],
};

/** What an effect measures: who was treated from when, compared with whom. */
interface EffectSubject {
  /** The id the seed is derived from (the phase's, the intervention's). */
  seedId: string;
  /** The day it started (in the organisation's time zone): its week is the first post week. */
  start: string;
  treated: PanelPopulation;
  comparison: EffectComparison;
}

export type { MeasuredEffect };

/**
 * Difference-in-differences effects of rollout phases and interventions on a weekly per-person metric. The
 * windows end before the organisation's current (incomplete) week, the seed is derived from the measured
 * thing's id, k and perturbation are the organisation's, and results are cached. Reads only.
 */
@Injectable()
export class EffectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EFFECT_CACHE) private readonly cache: ReportCache,
  ) {}

  /** The report of GET …/phases/:phaseId/effects. */
  async phaseReport(
    organisationId: string,
    planId: string,
    phaseId: string,
    query: EffectQuery,
  ): Promise<DifferenceInDifferencesReport> {
    return toReport(await this.phaseEffect(organisationId, planId, phaseId, query));
  }

  /** The report of GET …/interventions/:interventionId/effect. */
  async interventionReport(
    organisationId: string,
    interventionId: string,
    query: EffectQuery,
  ): Promise<DifferenceInDifferencesReport> {
    return toReport(await this.interventionEffect(organisationId, interventionId, query));
  }

  /**
   * A phase's effect: its cohort group against its comparison ('phase': its comparison group, or the rest
   * of the organisation when it compares with the rest), from the week it started. 409 before it started or
   * while its people are not resolved.
   */
  async phaseEffect(
    organisationId: string,
    planId: string,
    phaseId: string,
    query: EffectQuery,
  ): Promise<MeasuredEffect> {
    const phase = await this.phase(organisationId, planId, phaseId);
    if (!phase.startedAt) {
      throw new ConflictException(
        `Rollout phase '${phase.name}' has not started: its effect is measured from the week it starts`,
      );
    }
    if (!phase.cohortGroupId) throw unresolved(phase);
    const start = await this.localDay(organisationId, phase.startedAt);
    return this.measure(organisationId, query, {
      seedId: phase.id,
      start,
      treated: { groupIds: [phase.cohortGroupId], orgUnitIds: [] },
      comparison: phaseComparison(phase, query.comparison) ?? throwUnresolved(phase),
    });
  }

  /**
   * An intervention's effect: the people it was aimed at against the rest of the organisation ('phase'
   * means that for an intervention), from the week of its day.
   */
  async interventionEffect(
    organisationId: string,
    interventionId: string,
    query: EffectQuery,
  ): Promise<MeasuredEffect> {
    const intervention = await this.dataSource
      .getRepository(Intervention)
      .findOneBy({ id: interventionId, organisationId });
    if (!intervention) throw new NotFoundException(`Intervention ${interventionId} not found`);
    const { groupIds, orgUnitIds } = intervention.target;
    if (groupIds.length === 0 && orgUnitIds.length === 0) {
      throw new UnprocessableEntityException(
        'target: the intervention was aimed at everyone, so nobody is left to compare with',
      );
    }
    return this.measure(organisationId, query, {
      seedId: intervention.id,
      start: intervention.day,
      treated: { groupIds, orgUnitIds },
      comparison: query.comparison === 'matched' ? { kind: 'matched' } : { kind: 'rest-of-organisation' },
    });
  }

  /** The day an instant falls on in the organisation's time zone (Postgres's zone rules, as the rollups). */
  async localDay(organisationId: string, instant: Date): Promise<string> {
    try {
      return await organisationDay(this.dataSource, organisationId, instant);
    } catch (error) {
      if (error instanceof RangeError)
        throw new NotFoundException(`Organisation ${organisationId} not found`);
      throw error;
    }
  }

  private async measure(
    organisationId: string,
    query: EffectQuery,
    subject: EffectSubject,
  ): Promise<MeasuredEffect> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    const request = {
      metric: query.metric,
      seedId: subject.seedId,
      start: subject.start,
      treated: subject.treated,
      comparison: subject.comparison,
      preWeeks: query.preWeeks,
      postWeeks: query.postWeeks,
      today: await this.localDay(organisationId, new Date()),
    };
    const key = ['effect', await this.lastSyncFinished(organisationId), request];
    try {
      return await this.cache.get(organisationId, key, () =>
        measureEffect(this.dataSource, organisation, request),
      );
    } catch (error) {
      if (error instanceof EffectUnavailableError) {
        throw error.kind === 'not-yet'
          ? new ConflictException(error.message)
          : new UnprocessableEntityException(error.message);
      }
      // A population or window beyond the panel's bounds (too many ids, more than 156 weeks).
      if (error instanceof RangeError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  }

  /**
   * When the organisation's last sync run finished: usage reports are imported by sync runs, and a run that
   * brings only usage figures (no events) refreshes no rollups, so the rollup version alone would keep a
   * stale effect. One row from the (organisation, …) index of sync_runs.
   */
  private async lastSyncFinished(organisationId: string): Promise<string> {
    const [row]: { last: string | null }[] = await this.dataSource.query(
      `SELECT max(finished_at)::text AS last FROM sync_runs WHERE organisation_id = $1`,
      [organisationId],
    );
    return row?.last ?? '';
  }

  private async phase(organisationId: string, planId: string, phaseId: string): Promise<RolloutPhase> {
    const plan = await this.dataSource.getRepository(RolloutPlan).findOneBy({ id: planId, organisationId });
    if (!plan) throw new NotFoundException(`Rollout plan ${planId} not found`);
    const phase = await this.dataSource
      .getRepository(RolloutPhase)
      .findOneBy({ id: phaseId, planId, organisationId });
    if (!phase) throw new NotFoundException(`Rollout phase ${phaseId} not found`);
    return phase;
  }
}

function toReport(effect: MeasuredEffect): DifferenceInDifferencesReport {
  return publishedEffect(effect);
}

function throwUnresolved(phase: RolloutPhase): never {
  throw unresolved(phase);
}

function unresolved(phase: RolloutPhase): ConflictException {
  return new ConflictException(
    `The people of rollout phase '${phase.name}' are not resolved yet: they are at its next gate evaluation (or when the phase is saved)`,
  );
}
