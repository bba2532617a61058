import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import type { CommunitiesReport } from '@uptake/contracts';
import { kpiReport } from '../adoption/kpi-report';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { OrganisationContext } from '../shell/organisation-context';
import { BestCasesComponent } from './best-cases.component';
import {
  DEFAULT_SORT,
  isCapped,
  isEmptyCommunities,
  serverSortFor,
  viralHighlights,
  type CommunitySort,
} from './communities';
import { CommunitiesTableComponent } from './communities-table.component';
import { CommunityDetailComponent } from './community-detail.component';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * The change manager's view of communities (channels, communities, teams): their health against the
 * organisation, the ones growing bottom-up, one community in depth (?community=<groupId>) and the best-case
 * finder that turns a shortlist into a rollout phase's target. It follows the shell's filters (?from=&to=
 * &orgUnit=&group=) like the adoption page.
 */
@Component({
  selector: 'up-communities-page',
  imports: [
    FilterBarComponent,
    CommunitiesTableComponent,
    CommunityDetailComponent,
    BestCasesComponent,
    DownloadMenuComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './communities.page.html',
  styleUrl: './communities.page.css',
})
export class CommunitiesPage {
  protected readonly context = inject(OrganisationContext);
  /**
   * The `sort` sent to the API. Only set once the API has capped the list (total > rows): then the order
   * decides which communities are in it. Until then every community is loaded and sorting stays in the table.
   */
  private readonly serverSort = signal<string | undefined>(undefined);
  protected readonly report = kpiReport<CommunitiesReport>('communities', () => ({
    sort: this.serverSort(),
  }));
  /**
   * The report on screen: while another one loads (a new sort or filter), the previous rows stay with an
   * "Updating…" note, so the table keeps its place and its name filter instead of flashing "Loading".
   */
  protected readonly shown = linkedSignal<
    { value: CommunitiesReport | undefined; loading: boolean },
    CommunitiesReport | undefined
  >({
    source: () => ({ value: this.report.value(), loading: this.report.loading() }),
    computation: (next, previous) => next.value ?? (next.loading ? previous?.value : undefined),
  });
  protected readonly sort = signal<CommunitySort>(DEFAULT_SORT);
  protected readonly selectedId = computed(() => this.context.param('community'));
  protected readonly effectiveRange = computed(() => this.shown()?.scope);
  protected readonly empty = computed(() => {
    const report = this.shown();
    return report ? isEmptyCommunities(report) : false;
  });
  protected readonly highlights = computed(() => {
    const report = this.shown();
    return report ? viralHighlights(report) : [];
  });

  protected changeSort(sort: CommunitySort): void {
    this.sort.set(sort);
    const report = this.shown();
    const server = serverSortFor(sort.column);
    if (report && isCapped(report) && server && server !== (this.serverSort() ?? 'activeMembers')) {
      this.serverSort.set(server);
    }
  }

  protected select(groupId: string): void {
    this.context.setParams({ community: groupId });
  }
}
