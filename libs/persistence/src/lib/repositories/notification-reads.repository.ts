import type { DataSource } from 'typeorm';

/** A gate evaluation whose status differs from the phase's evaluation before it. */
export interface GateStatusChangeRow {
  id: string;
  planId: string;
  planName: string;
  phaseId: string;
  phaseName: string;
  status: string;
  previousStatus: string | null;
  at: Date;
}

/** A phase move (rollout_transitions). */
export interface PhaseTransitionRow {
  id: string;
  planId: string;
  planName: string;
  fromPhase: string | null;
  toPhase: string | null;
  gateStatus: string | null;
  overridden: boolean;
  at: Date;
}

/** What staleness and failure alerts, and the maintainers' digest, read of a source. */
export interface SourceHealthRow {
  id: string;
  name: string;
  schedule: string | null;
  createdAt: Date;
  lastSuccessId: string | null;
  lastSuccessAt: Date | null;
  lastRunId: string | null;
  lastRunStatus: string | null;
  lastRunAt: Date | null;
  /** Runs that failed, and records quarantined, in the window asked for and in the one before it. */
  failedRuns: number;
  quarantined: number;
  quarantinedBefore: number;
}

/** An open plan (draft or active) with its current phase and the phase's latest gate status. */
export interface PlanGateRow {
  planId: string;
  plan: string;
  phaseId: string | null;
  phase: string | null;
  gate: string | null;
  /** The latest evaluation's criteria (k-protected values, as evaluated). */
  criteria:
    { metric: string; operator: string; threshold: number; status: string; value: number | null }[] | null;
}

/** The organisation as a digest introduces it. */
export interface DigestOrganisationRow {
  id: string;
  name: string;
  minGroupSize: number;
  perturbation: boolean;
  timeZone: string;
}

/**
 * What digests and alert rules read besides the notification tables: the organisation, gate evaluations and
 * phase moves, sources and their sync runs. Aggregates and names only, never a person.
 */
export class NotificationReadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Gate evaluations after `since` whose status differs from the same phase's evaluation before them. */
  gateStatusChanges(
    organisationId: string,
    since: Date,
    planId: string | null,
    limit = 100,
  ): Promise<GateStatusChangeRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT e.id, e.plan_id AS "planId", p.name AS "planName", e.phase_id AS "phaseId", ph.name AS "phaseName",
                e.status, e.evaluated_at AS at,
                (SELECT prev.status FROM rollout_gate_evaluations prev
                 WHERE prev.phase_id = e.phase_id AND prev.evaluated_at < e.evaluated_at
                 ORDER BY prev.evaluated_at DESC LIMIT 1) AS "previousStatus"
         FROM rollout_gate_evaluations e
         JOIN rollout_plans p ON p.id = e.plan_id
         JOIN rollout_phases ph ON ph.id = e.phase_id
         WHERE e.organisation_id = $1 AND e.evaluated_at > $2 AND ($3::uuid IS NULL OR e.plan_id = $3)
       ) changes
       WHERE "previousStatus" IS DISTINCT FROM status
       ORDER BY at, id
       LIMIT $4`,
      [organisationId, since, planId, limit],
    );
  }

  /** Phase moves after `since`. */
  transitions(
    organisationId: string,
    since: Date,
    planId: string | null,
    limit = 100,
  ): Promise<PhaseTransitionRow[]> {
    return this.dataSource.query(
      `SELECT t.id, t.plan_id AS "planId", p.name AS "planName", f.name AS "fromPhase", n.name AS "toPhase",
              t.gate_status AS "gateStatus", t.overridden, t.at
       FROM rollout_transitions t
       JOIN rollout_plans p ON p.id = t.plan_id
       LEFT JOIN rollout_phases f ON f.id = t.from_phase_id
       LEFT JOIN rollout_phases n ON n.id = t.to_phase_id
       WHERE t.organisation_id = $1 AND t.at > $2 AND ($3::uuid IS NULL OR t.plan_id = $3)
       ORDER BY t.at, t.id
       LIMIT $4`,
      [organisationId, since, planId, limit],
    );
  }

  async organisation(organisationId: string): Promise<DigestOrganisationRow | null> {
    const rows: DigestOrganisationRow[] = await this.dataSource.query(
      `SELECT id, name, min_group_size AS "minGroupSize", perturbation, time_zone AS "timeZone"
       FROM organisations WHERE id = $1`,
      [organisationId],
    );
    return rows[0] ?? null;
  }

  /**
   * Open plans with their current phase (the active one, else the first not yet done) and its latest gate
   * evaluation, oldest plan first.
   */
  openPlanGates(organisationId: string, limit = 20): Promise<PlanGateRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS "planId", p.name AS plan, ph.id AS "phaseId", ph.name AS phase, e.status AS gate,
              e.criteria
       FROM rollout_plans p
       LEFT JOIN LATERAL (
         SELECT x.id, x.name FROM rollout_phases x
         WHERE x.plan_id = p.id AND x.status IN ('active', 'planned')
         ORDER BY (x.status = 'active') DESC, x.position LIMIT 1) ph ON true
       LEFT JOIN LATERAL (
         SELECT g.status, g.criteria FROM rollout_gate_evaluations g
         WHERE g.phase_id = ph.id ORDER BY g.evaluated_at DESC LIMIT 1) e ON true
       WHERE p.organisation_id = $1 AND p.status IN ('draft', 'active')
       ORDER BY p.created_at, p.id
       LIMIT $2`,
      [organisationId, limit],
    );
  }

  /**
   * Enabled sources with their last successful and last run, and failed runs and quarantined records
   * since `since` (and in the same span before it, to tell a spike).
   */
  sourceHealth(organisationId: string, since: Date, now: Date): Promise<SourceHealthRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.name, s.schedule, s.created_at AS "createdAt",
              ok.id AS "lastSuccessId", ok.finished_at AS "lastSuccessAt",
              last.id AS "lastRunId", last.status AS "lastRunStatus", last.at AS "lastRunAt",
              COALESCE(w.failed, 0)::int AS "failedRuns", COALESCE(w.quarantined, 0)::int AS quarantined,
              COALESCE(w.quarantined_before, 0)::int AS "quarantinedBefore"
       FROM data_sources s
       LEFT JOIN LATERAL (
         SELECT r.id, r.finished_at FROM sync_runs r
         WHERE r.source_id = s.id AND r.status = 'succeeded'
         ORDER BY r.finished_at DESC NULLS LAST LIMIT 1) ok ON true
       LEFT JOIN LATERAL (
         SELECT r.id, r.status, COALESCE(r.finished_at, r.created_at) AS at FROM sync_runs r
         WHERE r.source_id = s.id AND r.status IN ('succeeded', 'failed')
         ORDER BY COALESCE(r.finished_at, r.created_at) DESC LIMIT 1) last ON true
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE r.status = 'failed' AND r.created_at >= $2) AS failed,
                sum(r.records_quarantined) FILTER (WHERE r.created_at >= $2) AS quarantined,
                sum(r.records_quarantined) FILTER (WHERE r.created_at < $2) AS quarantined_before
         FROM sync_runs r
         WHERE r.source_id = s.id AND r.created_at >= $2 - ($3::timestamptz - $2) AND r.created_at < $3) w ON true
       WHERE s.organisation_id = $1 AND s.enabled
       ORDER BY s.name, s.id
       LIMIT 500`,
      [organisationId, since, now],
    );
  }
}
