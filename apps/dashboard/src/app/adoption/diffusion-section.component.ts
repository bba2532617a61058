import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { DiffusionReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { OrganisationContext } from '../shell/organisation-context';
import { adopterCategoriesOption, diffusionCurveOption, fitQuality, forecastSentence } from './diffusion';
import { formatCount, formatNumber, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** Adoption shares a change manager can aim for; the choice lives in the URL (?target=). */
export const TARGET_SHARES = [0.5, 0.6, 0.7, 0.8, 0.9] as const;
export const DEFAULT_TARGET_SHARE = 0.8;

/** The target share asked for in the URL, if it is one of the offered ones. */
export function targetShareParam(value: string | undefined): number {
  return TARGET_SHARES.find((share) => String(share) === value) ?? DEFAULT_TARGET_SHARE;
}

/** How adoption spread (Rogers' categories), the Bass model fitted on it and when the target is reached. */
@Component({
  selector: 'up-diffusion-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './diffusion-section.component.html',
  styleUrl: './diffusion-section.component.css',
})
export class DiffusionSectionComponent {
  private readonly context = inject(OrganisationContext);
  protected readonly targetShares = TARGET_SHARES;
  protected readonly targetShare = computed(() => targetShareParam(this.context.param('target')));
  protected readonly report = kpiReport<DiffusionReport>('diffusion', () => ({
    targetShare: this.targetShare(),
  }));
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly num = formatNumber;
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? !report.suppressed && report.curve.length === 0 : false;
  });
  protected readonly hiddenCategories = computed(
    () => this.report.value()?.categories.filter((category) => category.share === null).length ?? 0,
  );
  protected readonly categoriesOption = computed(() => {
    const report = this.report.value();
    return report && report.curve.length > 0 ? adopterCategoriesOption(report) : undefined;
  });
  protected readonly curveOption = computed(() => {
    const report = this.report.value();
    return report && report.curve.length > 0 ? diffusionCurveOption(report) : undefined;
  });
  protected readonly forecast = computed(() => {
    const report = this.report.value();
    return report ? forecastSentence(report) : '';
  });
  protected readonly fitQuality = computed(() => {
    const bass = this.report.value()?.bass;
    return bass ? fitQuality(bass.rSquared) : null;
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;

  protected chooseTarget(value: string): void {
    this.context.setParams({ target: value === String(DEFAULT_TARGET_SHARE) ? null : value });
  }
}
