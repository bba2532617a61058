import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { KnowledgeFlowReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatRatio, formatShare, withheldFigures } from '../shared/format';
import {
  crossingByMonthOption,
  heatmapHeight,
  hiddenExpertiseUnits,
  isEmptyKnowledgeFlow,
  knowledgeFlowHeatmapOption,
  levelLabel,
} from './knowledge-flow';
import { kpiReport } from './kpi-report';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * Who answers whose threads, unit by unit: silos, flow across departments and legacy companies, units with
 * hidden expertise, and whether leaders post and answer (activity and reach by hierarchy level).
 */
@Component({
  selector: 'up-knowledge-flow-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './knowledge-flow-section.component.html',
  styleUrl: './knowledge-flow-section.component.css',
})
export class KnowledgeFlowSectionComponent {
  protected readonly report = kpiReport<KnowledgeFlowReport>('knowledge-flow');
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyKnowledgeFlow(report) : false;
  });
  protected readonly experts = computed(() => {
    const report = this.report.value();
    return report ? hiddenExpertiseUnits(report) : [];
  });
  protected readonly heatmapOption = computed(() => {
    const report = this.report.value();
    return report && report.cells.length > 0 ? knowledgeFlowHeatmapOption(report) : undefined;
  });
  protected readonly heatmapHeight = computed(() => {
    const report = this.report.value();
    return report ? heatmapHeight(report) : '20rem';
  });
  protected readonly monthOption = computed(() => {
    const report = this.report.value();
    return report && report.byMonth.length > 0 ? crossingByMonthOption(report) : undefined;
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;
  protected readonly ratio = formatRatio;
  protected readonly level = levelLabel;
}
