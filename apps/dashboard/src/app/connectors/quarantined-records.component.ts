import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { errorMessage } from '../api/uptake-api.service';
import { ConnectorsApi } from './connectors-api';
import type { QuarantinedRecordView } from '@uptake/contracts';

/** Rows per page; the API pages with `after` (the last id of the previous page). */
export const QUARANTINE_PAGE_SIZE = 50;

/**
 * Records a run could not read: where (file, line, field) and why. Never their content.
 *
 * The reason stays in the parser's English on every page, by decision (as the API's validation messages
 * do): it is a free diagnostic of the connector's parser that quotes the source's own field names
 * (`ts: "yesterday" is not a Slack timestamp`), written for whoever fixes the export, with no stable code or
 * template to translate from. The frame around it (headings, columns, paging) is in the page's language,
 * and the cell says it is English (`lang="en"`) so a screen reader on a Dutch page reads it as English.
 */
@Component({
  selector: 'up-quarantined-records',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="quarantine">
      <div class="card-head">
        <h2 i18n="@@connectors.quarantine.title">Quarantined records</h2>
        <button type="button" class="link" (click)="closed.emit()" i18n="@@connectors.close">Close</button>
      </div>
      @if (error()) {
        <p class="error" role="alert" data-testid="quarantine-error">{{ error() }}</p>
      } @else if (records.isLoading() && rows().length === 0) {
        <p class="muted" data-testid="quarantine-loading" i18n="@@connectors.quarantine.loading">
          Loading quarantined records…
        </p>
      } @else if (rows().length === 0) {
        <p class="muted" data-testid="quarantine-empty" i18n="@@connectors.quarantine.empty">
          This run quarantined nothing.
        </p>
      } @else {
        <div class="table-scroll under-head">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@connectors.quarantine.file">File</th>
                <th scope="col" class="num" i18n="@@connectors.quarantine.line">Line</th>
                <th scope="col" i18n="@@connectors.quarantine.field">Field</th>
                <th scope="col" i18n="@@connectors.quarantine.recordId">Record id</th>
                <th scope="col" i18n="@@connectors.quarantine.reason">Reason</th>
              </tr>
            </thead>
            <tbody>
              @for (record of rows(); track record.id) {
                <tr data-testid="quarantine-row">
                  <td>{{ record.file ?? '–' }}</td>
                  <td class="num" data-testid="quarantine-line">{{ record.line ?? '–' }}</td>
                  <td data-testid="quarantine-field">{{ record.field ?? '–' }}</td>
                  <td>{{ record.recordId ?? '–' }}</td>
                  <td data-testid="quarantine-reason" lang="en">{{ record.reason }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <div class="pager">
          <button
            type="button"
            class="link"
            [disabled]="cursors().length === 0"
            (click)="previousPage()"
            i18n="@@connectors.quarantine.previous"
          >
            ← Previous
          </button>
          <span class="muted small" i18n="@@connectors.quarantine.page">Page {{ cursors().length + 1 }}</span>
          <button
            type="button"
            class="link"
            data-testid="quarantine-next"
            [disabled]="rows().length < pageSize"
            (click)="nextPage()"
            i18n="@@connectors.quarantine.next"
          >
            Next →
          </button>
        </div>
      }
    </section>
  `,
  styleUrl: './quarantined-records.component.css',
})
export class QuarantinedRecordsComponent {
  readonly organisationId = input.required<string>();
  readonly runId = input.required<string>();
  readonly closed = output<void>();
  protected readonly pageSize = QUARANTINE_PAGE_SIZE;

  /** `after` cursors of the pages before the current one; back to page 1 for another run. */
  protected readonly cursors = linkedSignal<string, string[]>({
    source: () => this.runId(),
    computation: () => [],
  });
  protected readonly records = httpResource<QuarantinedRecordView[]>(() =>
    ConnectorsApi.quarantineUrl(this.organisationId(), this.runId(), this.pageSize, this.cursors().at(-1)),
  );
  protected readonly rows = computed(() => (this.records.hasValue() ? this.records.value() : []));
  protected readonly error = computed(() =>
    this.records.error() ? errorMessage(this.records.error()) : null,
  );

  protected nextPage(): void {
    const last = this.rows().at(-1);
    if (last) this.cursors.update((cursors) => [...cursors, last.id]);
  }

  protected previousPage(): void {
    this.cursors.update((cursors) => cursors.slice(0, -1));
  }
}
