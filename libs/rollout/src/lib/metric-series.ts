import type { GateMetric, KpiScope } from '@uptake/contracts';
import { addDays, periodsBetween, weekStart, type KpiReports } from '@uptake/kpi';

/** A gate metric in one ISO week; shares carry their numerator and denominator (for intervals). */
export interface MetricSample {
  /** Monday of the week. */
  week: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** The Sunday ending the last complete ISO week on or before `day`. */
export function lastCompleteWeekEnd(day: string): string {
  const sunday = addDays(weekStart(day), 6);
  return sunday === day ? day : addDays(weekStart(day), -1);
}

/** `weeks` complete ISO weeks ending with the one that ends on or before `asOf`. */
export function completeWeeks(asOf: string, weeks: number): { from: string; to: string } {
  const to = lastCompleteWeekEnd(asOf);
  return { from: addDays(to, -(weeks * 7 - 1)), to };
}

const SILENT_WEEKS = 4;
/** first_post_answered_24h: a newcomer's first post counts as answered within this many hours. */
const FIRST_POST_RESPONSE_HOURS = 24;
/** "Tried and stopped" is judged on the 12 weeks up to each week's end. */
const CHURN_WINDOW_DAYS = 12 * 7;

/**
 * Weekly values of gate metrics for one population, computed by the same `KpiReports` the dashboard reads,
 * so a gate and the KPI pages never disagree. Reports shared by several metrics are loaded once.
 */
export class WeeklyMetrics {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly reports: KpiReports,
    /** Week-aligned: `from` a Monday, `to` a Sunday. */
    private readonly scope: KpiScope,
  ) {}

  async series(metric: GateMetric): Promise<MetricSample[]> {
    switch (metric) {
      case 'weekly_active_rate':
        return (await this.adoption()).points.map((p) => share(p.start, p.weeklyActive, p.eligible));
      case 'adoption_rate':
        return (await this.adoption()).points.map((p) => share(p.start, p.activated, p.eligible));
      case 'contributor_share':
        return (await this.participation()).points.map((p) =>
          share(
            p.start,
            p.creators !== null && p.contributors !== null ? p.creators + p.contributors : null,
            p.eligible,
          ),
        );
      case 'threads_with_response_share':
        return (await this.engagement()).points.map((p) =>
          share(
            p.start,
            p.threads !== null && p.threadsWithResponse !== null
              ? Math.round(p.threads * p.threadsWithResponse)
              : null,
            p.threads,
          ),
        );
      case 'median_hours_to_first_response':
        return (await this.engagement()).points.map((p) => ({
          week: p.start,
          value: p.medianHoursToFirstResponse,
          numerator: null,
          denominator: null,
        }));
      case 'cross_department_share':
        return Promise.all(
          this.weeks().map(async (week) => {
            const report = await this.reports.network({ ...this.scope, from: week, to: addDays(week, 6) });
            const crossing = report.crossing.department;
            return share(
              week,
              crossing.share !== null && crossing.interactions !== null
                ? Math.round(crossing.share * crossing.interactions)
                : null,
              crossing.interactions,
            );
          }),
        );
      case 'tried_and_stopped_rate': {
        const samples: MetricSample[] = [];
        // One at a time: each retention report loads the window's person-days.
        for (const week of this.weeks()) {
          const to = addDays(week, 6);
          const report = await this.reports.retention(
            { ...this.scope, from: addDays(to, -(CHURN_WINDOW_DAYS - 1)), to },
            SILENT_WEEKS,
          );
          samples.push(share(week, report.triedAndStopped, report.activated));
        }
        return samples;
      }
      case 'first_post_answered_24h':
        // Newcomers' first posts of each week (first thread ever) answered by someone else within 24 h.
        return (await this.reports.firstPost(this.scope, FIRST_POST_RESPONSE_HOURS)).byWeek.map((w) =>
          share(
            w.week,
            w.answeredWithin24h !== null && w.firstPosts !== null
              ? Math.round(w.answeredWithin24h * w.firstPosts)
              : null,
            w.firstPosts,
          ),
        );
    }
  }

  private weeks(): string[] {
    return periodsBetween(this.scope.from, this.scope.to, 'week').map((period) => period.start);
  }

  private adoption() {
    return this.once('adoption', () => this.reports.adoption(this.scope));
  }

  private participation() {
    return this.once('participation', () => this.reports.participation(this.scope));
  }

  private engagement() {
    return this.once('engagement', () => this.reports.engagement(this.scope));
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      this.cache.set(key, pending);
    }
    return pending;
  }
}

function share(week: string, numerator: number | null, denominator: number | null): MetricSample {
  const measurable = numerator !== null && denominator !== null && denominator > 0;
  return {
    week,
    value: measurable ? numerator / denominator : null,
    numerator: measurable ? numerator : null,
    denominator: measurable ? denominator : null,
  };
}
