import { ChangeDetectionStrategy, Component, computed, input, model, output, signal } from '@angular/core';
import type { CommunitiesReport, CommunityHealth } from '@uptake/contracts';
import { formatCount, formatDay, formatShare, formatWaitingTime, type FormatOptions } from '../shared/format';
import {
  figuresOf,
  filterCommunities,
  nextSort,
  signedShare,
  sortCommunities,
  SPARKLINE,
  sparklineLabel,
  sparklinePath,
  type CommunityColumn,
  type CommunitySort,
} from './communities';

interface Column {
  key: CommunityColumn;
  label: string;
  /** What the heading means, read out and shown on hover. */
  title: string;
  number: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Community', title: 'Name of the channel, community or team', number: false },
  { key: 'kind', label: 'Kind', title: 'Channel, community, team or group', number: false },
  { key: 'members', label: 'Members', title: 'Members at the end of the range', number: true },
  {
    key: 'activeMembers',
    label: 'Active',
    title: 'People active in the last 28 days of the range',
    number: true,
  },
  {
    key: 'healthIndex',
    label: 'Health',
    title: 'Active in the last 28 days / active in the last 12 months',
    number: true,
  },
  {
    key: 'replyCoverage',
    label: 'Reply coverage',
    title: 'Threads answered by someone else within 7 days',
    number: true,
  },
  {
    key: 'medianHoursToFirstReply',
    label: 'First reply',
    title: 'Median time to the first reply',
    number: true,
  },
  { key: 'unansweredShare', label: 'Unanswered', title: 'Threads nobody else responded to', number: true },
  {
    key: 'topPostersShare',
    label: 'Top 10%',
    title: 'Share of posts from the top 10% of posters (fragile above 70%)',
    number: true,
  },
  {
    key: 'crossDepartmentShare',
    label: 'Cross-dept.',
    title: 'Responses given to someone of another department',
    number: true,
  },
  {
    key: 'memberGrowthPerWeek',
    label: 'Growth / week',
    title: 'Mean weekly growth over the last 4 weeks',
    number: true,
  },
  { key: 'viral', label: 'Viral', title: 'Bottom-up viral growth over 4 weeks, since when', number: false },
];

/**
 * The communities of a report as a table: sortable by every figure (click a heading), filtered by name, with
 * the organisation's figures as a reference row, a sparkline of weekly active people and badges for fragile and
 * viral communities. Selecting a row asks the page to open its detail.
 */
@Component({
  selector: 'up-communities-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './communities-table.component.html',
  styleUrl: './communities-table.component.css',
})
export class CommunitiesTableComponent {
  readonly report = input.required<CommunitiesReport>();
  readonly sort = model.required<CommunitySort>();
  readonly selectedId = input<string | undefined>(undefined);
  readonly selected = output<string>();

  protected readonly columns = COLUMNS;
  protected readonly spark = SPARKLINE;
  protected readonly query = signal('');
  protected readonly organisationFigures = computed(() => figuresOf(this.report().suppressed));
  protected readonly rows = computed(() =>
    sortCommunities(filterCommunities(this.report().communities, this.query()), this.sort()).map((row) => {
      const figures = figuresOf(row.suppressed);
      return {
        row,
        figures,
        sparkline: sparklinePath(row.weekly),
        sparklineLabel: sparklineLabel(row.weekly, figures),
        viralSince: row.viral.growing && row.viral.since ? formatDay(row.viral.since) : null,
      };
    }),
  );

  protected readonly count = formatCount;
  protected readonly share = formatShare;
  protected readonly waiting = formatWaitingTime;
  protected readonly growth = signedShare;

  protected sortBy(column: CommunityColumn): void {
    this.sort.set(nextSort(this.sort(), column));
  }

  protected ariaSort(column: CommunityColumn): 'ascending' | 'descending' | 'none' {
    const sort = this.sort();
    if (sort.column !== column) return 'none';
    return sort.direction === 'asc' ? 'ascending' : 'descending';
  }

  protected select(row: CommunityHealth): void {
    this.selected.emit(row.groupId);
  }

  protected hidden(value: number | null, figures: FormatOptions): boolean {
    return value === null && figures.minGroupSize !== undefined;
  }
}
