import type { DataSource, EntityManager } from 'typeorm';
import { RolloutGateEvaluation, RolloutTransition } from '../entities/rollout.entity';

/** A phase change with the e-mail of who made it (null for the worker or a deleted account). */
export interface TransitionRow {
  at: Date;
  actor: string | null;
  from_phase_id: string | null;
  to_phase_id: string | null;
  overridden: boolean;
  gate_status: RolloutTransition['gateStatus'];
  note: string | null;
}

/** Rollout plans with their phases, transitions and gate evaluations. */
export class RolloutRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the plan until the transaction ends: serialises concurrent advances of one plan. */
  async lockPlan(planId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1 FROM rollout_plans WHERE id = $1 FOR UPDATE', [planId]);
  }

  /** The position after the plan's last phase (0 for a plan without phases). */
  async nextPhasePosition(planId: string, manager: EntityManager = this.dataSource.manager) {
    const [row]: { next: number }[] = await manager.query(
      'SELECT coalesce(max(position) + 1, 0) AS next FROM rollout_phases WHERE plan_id = $1',
      [planId],
    );
    return row.next;
  }

  /**
   * Moves the phases after a removed one up by one. The position constraint is checked at commit, so the
   * later phases can move one by one inside the transaction.
   */
  async closePositionGap(planId: string, removedPosition: number, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE rollout_phases SET position = position - 1 WHERE plan_id = $1 AND position > $2',
      [planId, removedPosition],
    );
  }

  /** The plan's phase changes, oldest first. */
  transitions(planId: string): Promise<TransitionRow[]> {
    return this.dataSource.query(
      `SELECT t.at, u.email AS actor, t.from_phase_id, t.to_phase_id, t.overridden, t.gate_status, t.note
       FROM rollout_transitions t LEFT JOIN users u ON u.id = t.actor_user_id
       WHERE t.plan_id = $1 ORDER BY t.at, t.id`,
      [planId],
    );
  }

  /** The newest evaluation of each phase of the plan, in one query. */
  latestEvaluations(planId: string): Promise<RolloutGateEvaluation[]> {
    return this.dataSource
      .getRepository(RolloutGateEvaluation)
      .createQueryBuilder('evaluation')
      .distinctOn(['evaluation.phaseId'])
      .where('evaluation.planId = :planId', { planId })
      .orderBy('evaluation.phaseId')
      .addOrderBy('evaluation.evaluatedAt', 'DESC')
      .getMany();
  }
}
