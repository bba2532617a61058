import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { PersonasReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import {
  PERSONA_DEFINITIONS,
  hiddenPersonaLabels,
  isEmptyPersonas,
  personasChartHeight,
  personasChartOption,
} from './personas';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * Behaviour personas (what people give and receive) of the whole population and of each unit, and habits.
 * Shares only, never lists of people: units resting on fewer than k people are withheld.
 */
@Component({
  selector: 'up-personas-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './personas-section.component.html',
  styleUrl: './personas-section.component.css',
})
export class PersonasSectionComponent {
  protected readonly definitions = PERSONA_DEFINITIONS;
  protected readonly report = kpiReport<PersonasReport>('personas');
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyPersonas(report) : false;
  });
  protected readonly hiddenPersonas = computed(() => {
    const report = this.report.value();
    return report ? hiddenPersonaLabels(report.personas) : [];
  });
  protected readonly chartOption = computed(() => {
    const report = this.report.value();
    return report && !isEmptyPersonas(report) ? personasChartOption(report) : undefined;
  });
  protected readonly chartHeight = computed(() => {
    const report = this.report.value();
    return report ? personasChartHeight(report) : '18rem';
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;
}
