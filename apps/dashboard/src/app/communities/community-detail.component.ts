import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare, formatWaitingTime } from '../shared/format';
import { OrganisationContext } from '../shell/organisation-context';
import {
  figuresOf,
  flowMatrix,
  groupKindName,
  personaEntries,
  responseHoursChartOption,
  signedShare,
  weeklyChartOption,
} from './communities';
import { communityDetailReport } from './community-report';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * One community in depth, for the community in the URL (?community=<groupId>): growth of members and active
 * people, how fast threads get their first response, the personas of its people and which departments answer
 * whom. Closing it removes the parameter, so the browser's back button and shared links work as expected.
 */
@Component({
  selector: 'up-community-detail',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './community-detail.component.html',
  styleUrl: './community-detail.component.css',
})
export class CommunityDetailComponent {
  private readonly context = inject(OrganisationContext);
  protected readonly groupId = computed(() => this.context.param('community'));
  protected readonly report = communityDetailReport(this.groupId);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => figuresOf(this.report.value()?.community.suppressed));
  /** The detail's own `suppressed` covers buckets, personas and flows. */
  protected readonly partFigures = computed(() => figuresOf(this.report.value()?.suppressed));
  protected readonly weeklyOption = computed(() => {
    const weekly = this.report.value()?.community.weekly;
    return weekly && weekly.length > 0 ? weeklyChartOption(weekly) : undefined;
  });
  protected readonly responseOption = computed(() => {
    const buckets = this.report.value()?.responseHours;
    return buckets && buckets.length > 0 ? responseHoursChartOption(buckets) : undefined;
  });
  protected readonly hiddenBuckets = computed(
    () => this.report.value()?.responseHours.filter((bucket) => bucket.threads === null).length ?? 0,
  );
  protected readonly personas = computed(() => {
    const report = this.report.value();
    return report ? personaEntries(report.personas) : [];
  });
  protected readonly matrix = computed(() => flowMatrix(this.report.value()?.departments ?? []));
  /** Nothing happened: no thread and nobody active in any week (withheld weeks are not "nobody"). */
  protected readonly quiet = computed(() => {
    const community = this.report.value()?.community;
    return (
      community !== undefined &&
      community.threads === 0 &&
      community.weekly.every((week) => week.activePeople === 0)
    );
  });

  protected readonly count = formatCount;
  protected readonly share = formatShare;
  protected readonly waiting = formatWaitingTime;
  protected readonly growth = signedShare;
  protected readonly kindName = groupKindName;

  constructor() {
    // A newly opened community takes the focus, so keyboard and screen-reader users land on what they opened.
    let focused: string | undefined;
    afterRenderEffect(() => {
      const heading = this.heading();
      const id = this.report.value()?.community.groupId;
      if (heading && id && id !== focused) {
        focused = id;
        heading.nativeElement.focus();
      }
    });
  }

  protected close(): void {
    this.context.setParams({ community: null });
  }

  protected cell(value: number | null | undefined): string {
    if (value === undefined) return '–';
    return formatCount(value, this.partFigures());
  }
}
