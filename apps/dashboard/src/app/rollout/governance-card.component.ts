import { DecimalPipe, PercentPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { GovernanceReport } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { suppressedText } from './gates';
import { RolloutApi } from './rollout-api';

/** The network's usage guidelines and the share of eligible people who acknowledged the current version. */
@Component({
  selector: 'up-governance-card',
  imports: [DecimalPipe, PercentPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './governance-card.component.css',
  template: `
    <section class="card" data-testid="governance">
      <h2>Usage guidelines</h2>
      @if (error()) {
        <p class="error" role="alert" data-testid="governance-error">
          Could not load governance: {{ error() }}
        </p>
      } @else if (report.isLoading() && !report.hasValue()) {
        <p class="muted">Loading governance…</p>
      } @else if (loaded(); as governance) {
        @if (governance.guidelines; as guidelines) {
          <p data-testid="governance-guidelines">
            @if (guidelines.url) {
              <a [href]="guidelines.url" target="_blank" rel="noopener">{{ guidelines.title }}</a>
            } @else {
              <strong>{{ guidelines.title }}</strong>
            }
            <span class="muted">
              · version {{ guidelines.version }}, published {{ guidelines.publishedOn }}</span
            >
          </p>
          @if (governance.suppressed; as reason) {
            <p class="hidden-value" data-testid="governance-hidden">Acknowledged: {{ hidden(reason) }}</p>
          } @else if (governance.share !== null) {
            <p class="big" data-testid="governance-share">{{ governance.share | percent: '1.0-1' }}</p>
            <p class="muted small">
              {{ governance.acknowledged | number }} of {{ governance.eligible | number }} eligible people
              acknowledged this version
            </p>
            <div class="meter" aria-hidden="true"><span [style.width.%]="governance.share * 100"></span></div>
          } @else {
            <p class="muted" data-testid="governance-no-data">No acknowledgements imported yet.</p>
          }
        } @else {
          <p class="muted" data-testid="governance-empty">
            No usage guidelines yet: import them with the acknowledgements from the HR or learning system.
          </p>
        }
      }
    </section>
  `,
})
export class GovernanceCardComponent {
  readonly organisationId = input.required<string>();
  protected readonly report = httpResource<GovernanceReport>(() =>
    RolloutApi.governanceUrl(this.organisationId()),
  );
  protected readonly loaded = computed(() => (this.report.hasValue() ? this.report.value() : undefined));
  protected readonly error = computed(() => (this.report.error() ? errorMessage(this.report.error()) : null));
  protected readonly hidden = suppressedText;
}
