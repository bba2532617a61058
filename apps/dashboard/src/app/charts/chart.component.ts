import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
} from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { InterventionsStore } from '../interventions/interventions.store';
import { interventionMarkers, withInterventionMarkers } from './intervention-markers';

/**
 * A chart: an ECharts canvas that follows its option and the container's size. With `interventionMarkers`
 * (time charts), the organisation's interventions are drawn as dashed vertical lines and listed in words below
 * it, for screen readers and for anyone who cannot hover a canvas.
 */
@Component({
  selector: 'up-chart',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div
      class="chart"
      echarts
      [options]="shown()"
      [autoResize]="true"
      [initOpts]="initOpts"
      [attr.aria-label]="label()"
      role="img"
    ></div>
    @if (markers().length > 0) {
      <p class="chart-markers" data-testid="chart-markers">
        <ng-container i18n="@@charts.markers.label">Interventions:</ng-container>&ngsp;
        @for (marker of markers(); track marker.at; let last = $last) {
          <span data-testid="chart-marker">{{ marker.description }}</span>{{ last ? '' : '; ' }}
        }
      </p>
    }`,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: 100%;
      min-height: 18rem;
    }
    .chart-markers {
      margin: 0.25rem 0 0;
      font-size: 0.8rem;
      color: var(--warn-text);
    }
  `,
})
export class ChartComponent {
  private readonly interventions = inject(InterventionsStore);
  /** ECharts' locale (registered in ./echarts) follows the page's language. */
  protected readonly initOpts = { locale: inject(LOCALE_ID).startsWith('nl') ? 'NL' : 'EN' };
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input($localize`:@@charts.defaultLabel:chart`);
  /** Draw the organisation's interventions on the x axis (only for charts whose x axis is time). */
  readonly interventionMarkers = input(false);

  private readonly marked = computed(() => (this.interventionMarkers() ? this.interventions.list() : []));
  protected readonly shown = computed(() => withInterventionMarkers(this.options(), this.marked()));
  protected readonly markers = computed(() => interventionMarkers(this.options(), this.marked()));

  constructor() {
    effect(() => {
      if (this.interventionMarkers()) this.interventions.use();
    });
  }
}
