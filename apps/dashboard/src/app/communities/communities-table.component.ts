import { ChangeDetectionStrategy, Component, computed, input, model, output, signal } from '@angular/core';
import type { CommunitiesReport, CommunityHealth } from '@uptake/contracts';
import { formatCount, formatDay, formatShare, formatWaitingTime, type FormatOptions } from '../shared/format';
import {
  figuresOf,
  filterCommunities,
  groupKindName,
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

/** The table's columns, in the page's language (built per table, so they follow the loaded translations). */
function communityColumns(): Column[] {
  return [
    {
      key: 'name',
      label: $localize`:@@communities.column.name:Community`,
      title: $localize`:@@communities.column.name.title:Name of the channel, community or team`,
      number: false,
    },
    {
      key: 'kind',
      label: $localize`:@@communities.column.kind:Kind`,
      title: $localize`:@@communities.column.kind.title:Channel, community, team or group`,
      number: false,
    },
    {
      key: 'members',
      label: $localize`:@@communities.column.members:Members`,
      title: $localize`:@@communities.column.members.title:Members at the end of the range`,
      number: true,
    },
    {
      key: 'activeMembers',
      label: $localize`:@@communities.column.active:Active`,
      title: $localize`:@@communities.column.active.title:People active in the last 28 days of the range`,
      number: true,
    },
    {
      key: 'healthIndex',
      label: $localize`:@@communities.column.health:Health`,
      title: $localize`:@@communities.column.health.title:Active in the last 28 days / active in the last 12 months`,
      number: true,
    },
    {
      key: 'replyCoverage',
      label: $localize`:@@communities.column.replyCoverage:Reply coverage`,
      title: $localize`:@@communities.column.replyCoverage.title:Threads answered by someone else within 7 days`,
      number: true,
    },
    {
      key: 'medianHoursToFirstReply',
      label: $localize`:@@communities.column.firstReply:First reply`,
      title: $localize`:@@communities.column.firstReply.title:Median time to the first reply`,
      number: true,
    },
    {
      key: 'unansweredShare',
      label: $localize`:@@communities.column.unanswered:Unanswered`,
      title: $localize`:@@communities.column.unanswered.title:Threads nobody else responded to`,
      number: true,
    },
    {
      key: 'topPostersShare',
      label: $localize`:@@communities.column.topPosters:Top 10%`,
      title: $localize`:@@communities.column.topPosters.title:Share of posts from the top 10% of posters (fragile above 70%)`,
      number: true,
    },
    {
      key: 'crossDepartmentShare',
      label: $localize`:@@communities.column.crossDepartment:Cross-dept.`,
      title: $localize`:@@communities.column.crossDepartment.title:Responses given to someone of another department`,
      number: true,
    },
    {
      key: 'memberGrowthPerWeek',
      label: $localize`:@@communities.column.growth:Growth / week`,
      title: $localize`:@@communities.column.growth.title:Mean weekly growth over the last 4 weeks`,
      number: true,
    },
    {
      key: 'viral',
      label: $localize`:@@communities.column.viral:Viral`,
      title: $localize`:@@communities.column.viral.title:Bottom-up viral growth over 4 weeks, since when`,
      number: false,
    },
  ];
}

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

  protected readonly columns = communityColumns();
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
  protected readonly kindName = groupKindName;

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
