import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { NetworkPeopleReport, NetworkReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { OrganisationContext } from '../shell/organisation-context';
import { formatCount, formatNumber, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import { crossingCards, isEmptyNetwork, networkGraphOption, unitNames } from './network';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * Who talks to whom, aggregated to org units: silos, vertical and post-merger communication. Brokers and
 * champions are person-level (pseudonyms), so the API gives them to administrators only.
 */
@Component({
  selector: 'up-network-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './network-section.component.html',
  styleUrl: './network-section.component.css',
})
export class NetworkSectionComponent {
  private readonly context = inject(OrganisationContext);
  protected readonly report = kpiReport<NetworkReport>('network');
  protected readonly people = kpiReport<NetworkPeopleReport>(
    'network/people',
    undefined,
    () => this.context.role() === 'admin',
  );
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly num = formatNumber;
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyNetwork(report) : false;
  });
  protected readonly crossings = computed(() => {
    const report = this.report.value();
    return report ? crossingCards(report) : [];
  });
  protected readonly graphOption = computed(() => {
    const report = this.report.value();
    return report && !isEmptyNetwork(report) ? networkGraphOption(report) : undefined;
  });
  private readonly unitNames = computed(() => unitNames(this.report.value()));
  /** Person-level roles are for administrators; a known other role (or a 403) gets an explanation. */
  protected readonly peopleRestricted = computed(() => {
    const role = this.context.role();
    return (role !== null && role !== 'admin') || this.people.status() === 403;
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;

  protected unitName(orgUnitId: string | null): string {
    return (orgUnitId && this.unitNames().get(orgUnitId)) || '–';
  }
}
