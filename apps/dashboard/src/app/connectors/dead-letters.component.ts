import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SyncRunView } from '@uptake/contracts';
import { timeAgo, triggerName } from './sync-status';

/** Runs that failed for good (the dead letters) across the organisation, each with a Retry button. */
@Component({
  selector: 'up-dead-letters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="dead-letters">
      <h2 i18n="@@connectors.deadLetters.title">Failed runs</h2>
      @if (error()) {
        <p class="error" role="alert" data-testid="dead-letters-error">{{ error() }}</p>
      } @else if (loading() && runs().length === 0) {
        <p class="muted" i18n="@@connectors.deadLetters.loading">Loading failed runs…</p>
      } @else if (runs().length === 0) {
        <p class="muted" data-testid="dead-letters-empty" i18n="@@connectors.deadLetters.empty">
          No failed runs. Nothing waits for a retry.
        </p>
      } @else {
        <ul class="dead-letters">
          @for (run of runs(); track run.id) {
            <li [attr.data-testid]="'dead-letter-' + run.id">
              <div>
                <strong>{{ sourceName()(run.sourceId) }}</strong>
                <span class="muted small">
                  · {{ triggerName(run.trigger) }} ·
                  <ng-container i18n="@@connectors.deadLetters.failed"
                    >failed {{ ago(run.finishedAt ?? run.createdAt) }}</ng-container
                  >
                  ·
                  <ng-container i18n="@@connectors.deadLetters.attempts">{run.attempts, plural,
                    =1 {1 attempt}
                    other {{{ run.attempts }} attempts}
                  }</ng-container></span
                >
                <div class="run-error">
                  @if (run.error) {
                    {{ run.error }}
                  } @else {
                    <ng-container i18n="@@connectors.deadLetters.noError"
                      >No error message recorded</ng-container
                    >
                  }
                </div>
              </div>
              <button
                type="button"
                [attr.data-testid]="'retry-' + run.id"
                (click)="retry.emit(run)"
                i18n="@@connectors.deadLetters.retry"
              >
                Retry
              </button>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styleUrl: './dead-letters.component.css',
})
export class DeadLettersComponent {
  readonly runs = input.required<readonly SyncRunView[]>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly now = input.required<number>();
  readonly sourceName = input.required<(sourceId: string) => string>();
  readonly retry = output<SyncRunView>();

  protected readonly triggerName = triggerName;

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }
}
