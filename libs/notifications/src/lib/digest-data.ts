import type { DigestFrequency, DigestSection, GateStatus, GoalKpi } from '@uptake/contracts';

/**
 * What a digest says, as data: aggregates only, each already k-protected by the report it comes from
 * (a withheld figure is null). No list here holds a person, a pseudonym or an e-mail address; names are of
 * organisations, plans, phases, goals, units, communities and sources.
 */
export interface DigestData {
  organisation: { id: string; name: string; minGroupSize: number; timeZone: string };
  frequency: DigestFrequency;
  /** The last day with data the figures reach (the organisation's last active day). */
  asOf: string;
  /** Where the digest's "since the last digest" starts. */
  since: Date;
  executive?: ExecutiveDigest;
  changeManager?: ChangeManagerDigest;
  connectorMaintainer?: MaintainerDigest;
}

export interface WeeklyShare {
  /** Monday of the week. */
  week: string;
  share: number | null;
}

export interface ExecutiveDigest {
  /** Weekly active people / eligible people, the last 12 ISO weeks, oldest first. */
  weeklyActive: WeeklyShare[];
  /** The target of the organisation-wide weekly-active goal, when there is one. */
  target: number | null;
  goals: {
    name: string;
    kpi: GoalKpi;
    unit: string;
    current: number | null;
    target: number;
    status: 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'no-data';
  }[];
  plans: { plan: string; phase: string | null; gate: GateStatus | null }[];
}

export interface ChangeManagerDigest {
  gateChanges: { plan: string; phase: string; from: GateStatus | null; to: GateStatus }[];
  transitions: { plan: string; from: string | null; to: string | null }[];
  atRisk: {
    plan: string;
    phase: string;
    metric: string;
    value: number | null;
    operator: string;
    threshold: number;
  }[];
  /** Units whose newcomers' first posts are least often answered within 24 hours (k-protected cells only). */
  unanswered: { unit: string; share: number; firstPosts: number }[];
  /** Communities with the largest growth or shrinkage of members per week. */
  communities: { name: string; growthPerWeek: number }[];
}

export interface MaintainerDigest {
  failed: { source: string; count: number }[];
  stale: { source: string; lastSuccessAt: Date | null }[];
  quarantine: { source: string; count: number; before: number }[];
}

/** Rows a section lists at most: a digest is a summary, the dashboard has the rest. */
export const DIGEST_ROWS = 8;

/** The dashboard page each section links to. */
export const SECTION_PAGES: Record<DigestSection, string> = {
  executive: '/overview',
  change_manager: '/rollout',
  connector_maintainer: '/connectors',
};

/** A link into the dashboard for an organisation, from PUBLIC_URL (never from a request's Host). */
export function dashboardLink(publicUrl: string, page: string, organisationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${page}?org=${encodeURIComponent(organisationId)}`;
}
