import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { GovernanceReport } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { formatCount, formatShare } from '../shared/format';
import { suppressedText } from './gates';
import { RolloutApi } from './rollout-api';

/** The network's usage guidelines and the share of eligible people who acknowledged the current version. */
@Component({
  selector: 'up-governance-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './governance-card.component.css',
  template: `
    <section class="card" data-testid="governance">
      <h2 i18n="@@rollout.governance.title">Usage guidelines</h2>
      @if (error()) {
        <p class="error" role="alert" data-testid="governance-error" i18n="@@rollout.governance.loadError">
          Could not load governance: {{ error() }}
        </p>
      } @else if (report.isLoading() && !report.hasValue()) {
        <p class="muted" i18n="@@rollout.governance.loading">Loading governance…</p>
      } @else if (loaded(); as governance) {
        @if (governance.guidelines; as guidelines) {
          <p data-testid="governance-guidelines">
            @if (guidelines.url) {
              <a [href]="guidelines.url" target="_blank" rel="noopener">{{ guidelines.title }}</a>
            } @else {
              <strong>{{ guidelines.title }}</strong>
            }
            <span class="muted" i18n="@@rollout.governance.version">
              · version {{ guidelines.version }}, published {{ guidelines.publishedOn }}</span
            >
          </p>
          @if (governance.suppressed; as reason) {
            <p class="hidden-value" data-testid="governance-hidden" i18n="@@rollout.governance.hidden">
              Acknowledged: {{ hidden(reason) }}
            </p>
          } @else if (governance.share !== null) {
            <p class="big" data-testid="governance-share">{{ share(governance.share) }}</p>
            <p class="muted small" i18n="@@rollout.governance.acknowledged">
              {{ count(governance.acknowledged) }} of {{ count(governance.eligible) }} eligible people
              acknowledged this version
            </p>
            <div class="meter" aria-hidden="true"><span [style.width.%]="governance.share * 100"></span></div>
          } @else {
            <p class="muted" data-testid="governance-no-data" i18n="@@rollout.governance.noData">
              No acknowledgements imported yet.
            </p>
          }
        } @else {
          <p class="muted" data-testid="governance-empty" i18n="@@rollout.governance.empty">
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
  protected readonly share = (value: number) => formatShare(value, { digits: 1 });
  protected readonly count = (value: number | null) => formatCount(value);
}
