import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SyncRunView } from '@uptake/contracts';
import { timeAgo } from './sync-status';

/** Runs that failed for good (the dead letters) across the organisation, each with a Retry button. */
@Component({
  selector: 'up-dead-letters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="dead-letters">
      <h2>Failed runs</h2>
      @if (error()) {
        <p class="error" role="alert" data-testid="dead-letters-error">{{ error() }}</p>
      } @else if (loading() && runs().length === 0) {
        <p class="muted">Loading failed runs…</p>
      } @else if (runs().length === 0) {
        <p class="muted" data-testid="dead-letters-empty">No failed runs. Nothing waits for a retry.</p>
      } @else {
        <ul class="dead-letters">
          @for (run of runs(); track run.id) {
            <li [attr.data-testid]="'dead-letter-' + run.id">
              <div>
                <strong>{{ sourceName()(run.sourceId) }}</strong>
                <span class="muted small">
                  · {{ run.trigger }} · failed {{ ago(run.finishedAt ?? run.createdAt) }} · {{ run.attempts }}
                  {{ run.attempts === 1 ? 'attempt' : 'attempts' }}</span
                >
                <div class="run-error">{{ run.error ?? 'No error message recorded' }}</div>
              </div>
              <button type="button" [attr.data-testid]="'retry-' + run.id" (click)="retry.emit(run)">
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

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }
}
