import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { alertKindsForRole, GATE_STATUSES, type AlertCondition, type GateStatus } from '@uptake/contracts';
import { KpiReports } from '@uptake/kpi';
import {
  alertKey,
  composeAlert,
  conditionInstance,
  crossing,
  DigestLoader,
  isStale,
  memberLocale,
  quietHoursEnd,
  quietHoursOf,
  type AlertEvent,
} from '@uptake/notifications';
import {
  NotificationReadsRepository,
  NotificationRepository,
  type AlertRule,
  type AlertRuleState,
  type NewDelivery,
  type NotificationMember,
  type SourceHealthRow,
} from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';

/** Gate rows are re-read this far back: an evaluation committed late is still seen (the dedup key holds). */
const GATE_LOOKBACK_MS = 10 * 60_000;
/** Condition instances a rule reads per tick at most. */
const EVENTS_PER_TICK = 50;

/** A condition instance that holds now, with what its alert says. */
interface Firing {
  instance: string;
  event: AlertEvent;
}

function gateStatus(value: string | null): GateStatus | null {
  return (GATE_STATUSES as readonly (string | null)[]).includes(value) ? (value as GateStatus) : null;
}

/** What one tick reads once per organisation, however many rules ask. */
class TickReads {
  private readonly sources = new Map<string, Promise<SourceHealthRow[]>>();
  private readonly headlines = new Map<string, ReturnType<DigestLoader['headline']>>();

  constructor(
    private readonly reads: NotificationReadsRepository,
    private readonly loader: DigestLoader,
    readonly now: Date,
  ) {}

  sourceHealth(organisationId: string): Promise<SourceHealthRow[]> {
    let rows = this.sources.get(organisationId);
    if (!rows) {
      rows = this.reads.sourceHealth(organisationId, new Date(this.now.getTime() - 86_400_000), this.now);
      this.sources.set(organisationId, rows);
    }
    return rows;
  }

  headline(organisationId: string, condition: Extract<AlertCondition, { kind: 'kpi_threshold' }>) {
    const population = condition.population ?? { orgUnitId: null, groupId: null };
    const key = JSON.stringify([organisationId, condition.kpi, population]);
    let value = this.headlines.get(key);
    if (!value) {
      value = this.loader.headline(organisationId, condition.kpi, population, this.now);
      this.headlines.set(key, value);
    }
    return value;
  }
}

/**
 * Evaluates every enabled alert rule once per tick: which condition instances hold (a gate status change,
 * a stale or failing source, a threshold crossing), and creates one delivery per instance and channel,
 * keyed so that a repeated tick creates none. A muted rule advances its state but sends nothing; an alert
 * inside the member's quiet hours is held until they end.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);
  private readonly repository: NotificationRepository;
  private readonly notificationReads: NotificationReadsRepository;
  private readonly loader: DigestLoader;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    reports: KpiReports,
  ) {
    this.repository = new NotificationRepository(dataSource);
    this.notificationReads = new NotificationReadsRepository(dataSource);
    this.loader = new DigestLoader(dataSource, reports);
  }

  /** The deliveries created and queued (not held) by this evaluation. */
  async evaluate(now: Date): Promise<{ organisationId: string; id: string }[]> {
    const reads = new TickReads(this.notificationReads, this.loader, now);
    const queued: { organisationId: string; id: string }[] = [];
    for (const { rule, member } of await this.repository.activeRules()) {
      // A rule whose owner's role changed stays, but watches only what the role may read.
      if (!alertKindsForRole(member.role).includes(rule.kind)) continue;
      try {
        const { firings, state } = await this.firings(rule, member, reads);
        const muted = rule.mutedUntil !== null && rule.mutedUntil.getTime() > now.getTime();
        const deliveries = muted
          ? []
          : firings.flatMap((firing) => this.deliveries(rule, member, firing, now));
        const created = await this.repository.advanceRule(rule, state, deliveries);
        // Held alerts wait for the end of the quiet hours (the tick releases them).
        queued.push(...created.filter((row) => row.status === 'queued'));
      } catch (error) {
        // One broken rule (a report that fails) never stops the others.
        this.logger.error(`alert rule ${rule.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return queued;
  }

  private async firings(
    rule: AlertRule,
    member: NotificationMember,
    reads: TickReads,
  ): Promise<{ firings: Firing[]; state: AlertRuleState }> {
    const condition = rule.condition;
    switch (condition.kind) {
      case 'gate_status_changed':
        return this.gateFirings(rule, condition.planId, reads.now);
      case 'source_stale': {
        const sources = (await reads.sourceHealth(rule.organisationId)).filter(
          (s) => !condition.sourceId || s.id === condition.sourceId,
        );
        const firings = sources
          .filter((s) => isStale(s, condition, member.timeZone, reads.now))
          .map((s) => ({
            instance: conditionInstance.stale(s.id, s.lastSuccessId),
            event: { kind: 'source_stale' as const, source: s.name, lastSuccessAt: s.lastSuccessAt },
          }));
        return { firings, state: rule.state };
      }
      case 'source_failing': {
        const sources = (await reads.sourceHealth(rule.organisationId)).filter(
          (s) => (!condition.sourceId || s.id === condition.sourceId) && s.lastRunStatus === 'failed',
        );
        const firings = sources.map((s) => ({
          instance: conditionInstance.failing(s.id, s.lastSuccessId),
          event: { kind: 'source_failing' as const, source: s.name },
        }));
        return { firings, state: rule.state };
      }
      case 'kpi_threshold': {
        const reading = await reads.headline(rule.organisationId, condition);
        const result = crossing(
          rule.state.beyond,
          reading?.value ?? null,
          condition.direction,
          condition.value,
        );
        const crossings = (rule.state.crossings ?? 0) + (result.fires ? 1 : 0);
        const state = { ...rule.state, beyond: result.beyond, crossings };
        if (!result.fires || !reading || reading.value === null) return { firings: [], state };
        const event: AlertEvent = {
          kind: 'kpi_threshold',
          kpi: condition.kpi,
          direction: condition.direction,
          threshold: condition.value,
          value: reading.value,
          week: reading.week,
          filtered: Boolean(condition.population?.orgUnitId || condition.population?.groupId),
        };
        return { firings: [{ instance: conditionInstance.crossing(crossings), event }], state };
      }
    }
  }

  /** Gate evaluations that changed status, and phase moves, since the rule last looked. */
  private async gateFirings(
    rule: AlertRule,
    planId: string | null,
    now: Date,
  ): Promise<{ firings: Firing[]; state: AlertRuleState }> {
    const since = rule.state.since ? new Date(rule.state.since) : rule.createdAt;
    const from = new Date(Math.max(since.getTime() - GATE_LOOKBACK_MS, rule.createdAt.getTime()));
    const [changes, moves] = await Promise.all([
      this.notificationReads.gateStatusChanges(rule.organisationId, from, planId, EVENTS_PER_TICK),
      this.notificationReads.transitions(rule.organisationId, from, planId, EVENTS_PER_TICK),
    ]);
    const firings: Firing[] = [
      ...changes.flatMap((c) => {
        const to = gateStatus(c.status);
        if (!to) return [];
        const event = { kind: 'gate_status_changed' as const, plan: c.planName, phase: c.phaseName, to };
        return [
          {
            instance: conditionInstance.gateChange(c.id),
            event: { ...event, from: gateStatus(c.previousStatus) },
          },
        ];
      }),
      ...moves.map((m) => ({
        instance: conditionInstance.transition(m.id),
        event: {
          kind: 'phase_transition' as const,
          plan: m.planName,
          from: m.fromPhase,
          to: m.toPhase,
          gate: gateStatus(m.gateStatus),
        },
      })),
    ];
    // A full page leaves the rest for the next tick: read on from the last row seen, not from now.
    const full = changes.length === EVENTS_PER_TICK || moves.length === EVENTS_PER_TICK;
    const lastSeen = [...changes, ...moves].reduce(
      (latest, row) => Math.max(latest, new Date(row.at).getTime()),
      0,
    );
    const next = full ? new Date(lastSeen) : now;
    return { firings, state: { ...rule.state, since: next.toISOString() } };
  }

  /** The rule's deliveries of one firing: one per channel, held in the member's quiet hours. */
  private deliveries(rule: AlertRule, member: NotificationMember, firing: Firing, now: Date): NewDelivery[] {
    const alert = composeAlert(firing.event, {
      locale: memberLocale(member),
      organisation: { id: member.organisationId, name: member.organisationName, timeZone: member.timeZone },
      rule: rule.name ?? rule.kind,
      publicUrl: this.config.publicUrl,
    });
    const heldUntil = quietHoursEnd(quietHoursOf(member.settings), member.timeZone, now);
    return rule.channels.map((channel) => ({
      organisationId: rule.organisationId,
      kind: 'alert',
      userId: member.userId,
      ruleId: rule.id,
      period: null,
      channel,
      recipient: channel === 'email' ? member.email : channel,
      subject: alert.subject,
      dedupKey: alertKey(rule.id, firing.instance, channel),
      status: heldUntil ? 'held' : 'queued',
      heldUntil,
      payload:
        channel === 'email'
          ? { subject: alert.subject, text: alert.text, html: alert.html }
          : {
              subject: alert.subject,
              text: alert.text,
              body: channel === 'slack' ? alert.slack : alert.teams,
            },
    }));
  }
}
