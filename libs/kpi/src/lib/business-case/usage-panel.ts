import type { DataSource } from 'typeorm';
import { loadWeeklyPanel, type WeeklyPanel } from './panels';

/** Who a group's members are compared with: another group's members, or every other eligible person. */
export type UsagePanelComparison = { kind: 'group'; groupId: string } | { kind: 'rest-of-organisation' };

export type UsagePanel = WeeklyPanel;

/**
 * The person × week panel of a daily usage metric (e.g. e-mails sent) for the eligible members of a group
 * (a phase's cohort) and a comparison: the members of another group, or the rest of the organisation's
 * eligible people. The first form of `loadWeeklyPanel` (panels.ts), kept for callers that name one group:
 * see there for the rules (a week without a row is missing, whole weeks, at most 156, md5 sampling).
 */
export async function loadWeeklyUsagePanel(
  dataSource: DataSource,
  organisationId: string,
  metric: string,
  treatedGroupId: string,
  comparison: UsagePanelComparison,
  from: string,
  to: string,
): Promise<UsagePanel> {
  return loadWeeklyPanel(dataSource, {
    organisationId,
    metric: { kind: 'usage', metric },
    treated: { groupIds: [treatedGroupId], orgUnitIds: [] },
    comparison:
      comparison.kind === 'group'
        ? { kind: 'population', groupIds: [comparison.groupId], orgUnitIds: [] }
        : comparison,
    from,
    to,
  });
}
