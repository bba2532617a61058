import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ConnectorInfo, Source, SyncRunView } from '@uptake/contracts';
import { forkJoin, interval, map, of } from 'rxjs';
import { errorMessage } from '../api/uptake-api.service';
import { formatCount } from '../shared/format';
import { OrganisationContext } from '../shell/organisation-context';
import { AddSourceComponent } from './add-source.component';
import { canSyncNow, canTestConnection, canUpload, connectorOf, CONNECTORS_URL } from './connector-catalogue';
import { connectorTexts, localizeConnector } from './connector-texts';
import { ConnectionTestComponent } from './connection-test.component';
import { ConnectorsApi } from './connectors-api';
import { DeadLettersComponent } from './dead-letters.component';
import { QuarantinedRecordsComponent } from './quarantined-records.component';
import { RunFollower } from './run-follower';
import { RunHistoryComponent } from './run-history.component';
import { RunWarningsComponent } from './run-warnings.component';
import { percent, sourceLag, statusBadge, summariseRuns, timeAgo } from './sync-status';

/** How often "time ago" and lag figures are recomputed. */
const CLOCK_TICK_MS = 30_000;

/**
 * The connector maintainer's page: the organisation's data sources with their freshness and last run,
 * sync/upload with live progress, run history, failed runs to retry and quarantined records. The selected
 * source and run live in the URL (?source=&run=), so a link shows the same view.
 */
@Component({
  selector: 'up-connectors-page',
  imports: [
    AddSourceComponent,
    ConnectionTestComponent,
    DeadLettersComponent,
    QuarantinedRecordsComponent,
    RunHistoryComponent,
    RunWarningsComponent,
  ],
  providers: [RunFollower],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connectors.page.html',
  styleUrl: './connectors.page.css',
})
export class ConnectorsPage {
  private readonly context = inject(OrganisationContext);
  private readonly api = inject(ConnectorsApi);
  protected readonly follower = inject(RunFollower);

  protected readonly organisationId = computed(() => this.context.organisation()?.id);
  protected readonly now = signal(Date.now());

  /** The installed connectors (loaded once): what each source type can do, and the "Add source" form. */
  protected readonly catalogue = httpResource<ConnectorInfo[]>(() => CONNECTORS_URL);
  /** The catalogue with its titles and field descriptions in the page's language (connector-texts.ts). */
  protected readonly connectorList = computed(() => {
    if (!this.catalogue.hasValue()) return [];
    const texts = connectorTexts();
    return this.catalogue.value().map((info) => localizeConnector(info, texts));
  });
  protected readonly catalogueError = computed(() =>
    this.catalogue.error() ? errorMessage(this.catalogue.error()) : null,
  );

  protected readonly sources = httpResource<Source[]>(() => {
    const organisationId = this.organisationId();
    return organisationId ? ConnectorsApi.sourcesUrl(organisationId) : undefined;
  });
  protected readonly sourceList = computed(() => (this.sources.hasValue() ? this.sources.value() : []));
  protected readonly sourcesError = computed(() =>
    this.sources.error() ? errorMessage(this.sources.error()) : null,
  );

  /** Each source's recent runs (newest first): one request per source, as the API lists them per source. */
  protected readonly runs = rxResource({
    params: () => {
      const organisationId = this.organisationId();
      return organisationId && this.sources.hasValue()
        ? { organisationId, sourceIds: this.sources.value().map((source) => source.id) }
        : undefined;
    },
    stream: ({ params }) =>
      params.sourceIds.length === 0
        ? of({} as Record<string, SyncRunView[]>)
        : forkJoin(
            params.sourceIds.map((id) =>
              this.api.sourceRuns(params.organisationId, id).pipe(map((runs) => [id, runs] as const)),
            ),
          ).pipe(map((entries) => Object.fromEntries(entries) as Record<string, SyncRunView[]>)),
  });
  protected readonly runsError = computed(() => (this.runs.error() ? errorMessage(this.runs.error()) : null));

  protected readonly deadLetters = httpResource<SyncRunView[]>(() => {
    const organisationId = this.organisationId();
    return organisationId ? ConnectorsApi.failedRunsUrl(organisationId) : undefined;
  });
  protected readonly deadLetterList = computed(() =>
    this.deadLetters.hasValue() ? this.deadLetters.value() : [],
  );
  protected readonly deadLettersError = computed(() =>
    this.deadLetters.error() ? errorMessage(this.deadLetters.error()) : null,
  );

  /** One row per source: what the table shows. */
  protected readonly rows = computed(() => {
    const runsBySource = this.runs.hasValue() ? this.runs.value() : undefined;
    const connectors = this.connectorList();
    const now = this.now();
    return this.sourceList().map((source) => {
      const runs = runsBySource?.[source.id];
      const { lastRun, lastSuccess } = summariseRuns(runs ?? []);
      // Until the catalogue is loaded (or for a type the API has no connector for) no action is offered.
      const connector = connectorOf(connectors, source.connectorType);
      return {
        source,
        title: connector?.title ?? source.connectorType,
        runsLoaded: runs !== undefined,
        lastRun,
        lastRunAgo: lastRun
          ? timeAgo(lastRun.finishedAt ?? lastRun.startedAt ?? lastRun.createdAt, now)
          : null,
        lastRunBadge: lastRun ? statusBadge(lastRun.status) : null,
        lastSuccessAgo: lastSuccess?.finishedAt ? timeAgo(lastSuccess.finishedAt, now) : null,
        lag: sourceLag(lastSuccess, now),
        canSyncNow: canSyncNow(connector),
        canUpload: canUpload(connector),
        accept: connector?.fileExtensions.join(',') ?? '',
      };
    });
  });

  protected readonly selectedSource = computed(() =>
    this.sourceList().find((source) => source.id === this.context.param('source')),
  );
  /**
   * Only sources whose connector has a connection test offer one: file sources hold no credentials and
   * connectors such as the demo have nothing to check (the API would answer 409).
   */
  protected readonly selectedCanTest = computed(() => {
    const source = this.selectedSource();
    return source ? canTestConnection(connectorOf(this.connectorList(), source.connectorType)) : false;
  });
  protected readonly selectedRuns = computed(() => {
    const source = this.selectedSource();
    return source && this.runs.hasValue() ? (this.runs.value()[source.id] ?? []) : [];
  });
  protected readonly selectedRunId = computed(() => this.context.param('run'));

  /** Row actions in progress or failed: schedule editing and delete confirmation. */
  protected readonly editingSchedule = signal<{ sourceId: string; draft: string } | null>(null);
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly busy = signal<string | null>(null);

  protected readonly percent = percent;
  protected readonly statusBadgeOf = statusBadge;
  protected readonly count = (value: number) => formatCount(value);

  protected uploadOf(label: string): string {
    return $localize`:@@connectors.follow.uploadOf:Upload of ${label}:file:`;
  }

  constructor() {
    interval(CLOCK_TICK_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(Date.now()));
    const destroyRef = inject(DestroyRef);
    this.follower.finished.pipe(takeUntilDestroyed(destroyRef)).subscribe(({ run, kind }) => {
      this.now.set(Date.now());
      this.runs.reload();
      this.deadLetters.reload();
      // An upload's outcome is what the maintainer waits for: show the run (and its quarantined records).
      if (kind === 'upload') this.context.setParams({ source: run.sourceId, run: run.id });
    });
  }

  protected sourceName = (sourceId: string): string =>
    this.sourceList().find((source) => source.id === sourceId)?.name ??
    $localize`:@@connectors.deletedSource:Deleted source`;

  protected select(sourceId: string | null, runId: string | null = null): void {
    this.context.setParams({ source: sourceId, run: runId });
  }

  protected syncNow(source: Source): void {
    const organisationId = this.organisationId();
    if (organisationId) this.follower.syncNow(organisationId, source.id);
  }

  protected upload(source: Source, event: Event): void {
    const target = event.target as HTMLInputElement;
    const file = target.files?.[0];
    const organisationId = this.organisationId();
    if (file && organisationId) this.follower.upload(organisationId, source.id, file);
    // The same file can be chosen again (for a retry after fixing the source's settings).
    target.value = '';
  }

  protected retry(run: SyncRunView): void {
    const organisationId = this.organisationId();
    if (organisationId) this.follower.retry(organisationId, run);
  }

  protected saveSchedule(source: Source): void {
    const organisationId = this.organisationId();
    const editing = this.editingSchedule();
    if (!organisationId || !editing) return;
    this.busy.set(source.id);
    this.api.updateSchedule(organisationId, source.id, editing.draft.trim() || null).subscribe({
      next: () => {
        this.busy.set(null);
        this.editingSchedule.set(null);
        this.setRowError(source.id, null);
        this.sources.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.setRowError(source.id, errorMessage(error));
      },
    });
  }

  protected deleteSource(source: Source): void {
    const organisationId = this.organisationId();
    if (!organisationId) return;
    this.busy.set(source.id);
    this.api.deleteSource(organisationId, source.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.confirmingDelete.set(null);
        this.follower.dismiss(source.id);
        if (this.selectedSource()?.id === source.id) this.select(null);
        this.sources.reload();
        this.deadLetters.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.setRowError(source.id, errorMessage(error));
      },
    });
  }

  protected created(source: Source): void {
    this.sources.reload();
    this.select(source.id);
  }

  private setRowError(sourceId: string, message: string | null): void {
    this.rowErrors.update(({ [sourceId]: _previous, ...rest }) =>
      message ? { ...rest, [sourceId]: message } : rest,
    );
  }
}
