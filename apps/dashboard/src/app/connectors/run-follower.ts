import { HttpEventType, type HttpEvent } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  filter,
  map,
  Observable,
  of,
  Subject,
  switchMap,
  takeWhile,
  tap,
  timer,
  type Subscription,
} from 'rxjs';
import { errorMessage } from '../api/uptake-api.service';
import { ConnectorsApi, RUN_POLL_MS } from './connectors-api';
import type { SyncRunView } from '@uptake/contracts';
import { isFinished, percent } from './sync-status';

/** What a maintainer started: an upload, a sync or a retry of a failed run. */
export type FollowedKind = 'upload' | 'sync' | 'retry';

export interface FollowedRun {
  kind: FollowedKind;
  /** What was started, as the panel names it: the uploaded file's name, "Sync" or "Retry". */
  label: string;
  phase: 'uploading' | 'starting' | 'processing' | 'finished';
  /** Percent of the file sent (uploads only). */
  uploadPercent: number | null;
  /** The latest state of the run, once the API created it. */
  run: SyncRunView | null;
  /** The server's message when the upload, the request or a poll failed. */
  error: string | null;
}

/**
 * Follows the runs a maintainer starts (sync now, upload, retry), one per source: upload progress from the
 * HTTP events, then the run polled until it finishes, so its counts update live.
 */
@Injectable()
export class RunFollower {
  private readonly api = inject(ConnectorsApi);
  private readonly pollMs = inject(RUN_POLL_MS);
  private readonly subscriptions = new Map<string, Subscription>();

  /** Followed runs by source id. */
  readonly bySource = signal<Record<string, FollowedRun>>({});
  /** Each followed run once it has finished (succeeded, failed or cancelled). */
  readonly finished = new Subject<{ run: SyncRunView; kind: FollowedKind }>();

  constructor() {
    inject(DestroyRef).onDestroy(() =>
      this.subscriptions.forEach((subscription) => subscription.unsubscribe()),
    );
  }

  upload(organisationId: string, sourceId: string, file: File): void {
    const run$ = this.api.upload(organisationId, sourceId, file).pipe(
      tap((event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.patch(sourceId, { uploadPercent: percent(event.loaded, event.total ?? file.size) });
        }
      }),
      filter(
        (event): event is HttpEvent<SyncRunView> & { type: HttpEventType.Response } =>
          event.type === HttpEventType.Response,
      ),
      map((response) => response.body as SyncRunView),
      tap(() => this.patch(sourceId, { uploadPercent: 100 })),
    );
    this.start(sourceId, organisationId, { kind: 'upload', label: file.name }, 'uploading', run$);
  }

  syncNow(organisationId: string, sourceId: string): void {
    const what = { kind: 'sync' as const, label: $localize`:@@connectors.follow.sync:Sync` };
    this.start(sourceId, organisationId, what, 'starting', this.api.syncNow(organisationId, sourceId));
  }

  retry(organisationId: string, run: SyncRunView): void {
    const what = { kind: 'retry' as const, label: $localize`:@@connectors.follow.retry:Retry` };
    this.start(run.sourceId, organisationId, what, 'starting', this.api.retry(organisationId, run.id));
  }

  dismiss(sourceId: string): void {
    this.subscriptions.get(sourceId)?.unsubscribe();
    this.subscriptions.delete(sourceId);
    this.bySource.update(({ [sourceId]: _dismissed, ...rest }) => rest);
  }

  private start(
    sourceId: string,
    organisationId: string,
    { kind, label }: Pick<FollowedRun, 'kind' | 'label'>,
    phase: FollowedRun['phase'],
    created$: Observable<SyncRunView>,
  ): void {
    this.subscriptions.get(sourceId)?.unsubscribe();
    this.bySource.update((all) => ({
      ...all,
      [sourceId]: {
        kind,
        label,
        phase,
        uploadPercent: phase === 'uploading' ? 0 : null,
        run: null,
        error: null,
      },
    }));
    const subscription = created$.pipe(switchMap((created) => this.poll(organisationId, created))).subscribe({
      next: (run) => {
        const done = isFinished(run.status);
        this.patch(sourceId, { run, phase: done ? 'finished' : 'processing' });
        if (done) this.finished.next({ run, kind });
      },
      error: (error: unknown) => this.patch(sourceId, { error: errorMessage(error), phase: 'finished' }),
    });
    this.subscriptions.set(sourceId, subscription);
  }

  /** The created run, then its state every poll interval until it has finished (that state included). */
  private poll(organisationId: string, created: SyncRunView): Observable<SyncRunView> {
    if (isFinished(created.status)) return of(created);
    const updates$ = timer(this.pollMs, this.pollMs).pipe(
      switchMap(() => this.api.run(organisationId, created.id)),
      takeWhile((run) => !isFinished(run.status), true),
    );
    return new Observable<SyncRunView>((subscriber) => {
      subscriber.next(created);
      return updates$.subscribe(subscriber);
    });
  }

  private patch(sourceId: string, changes: Partial<FollowedRun>): void {
    this.bySource.update((all) =>
      all[sourceId] ? { ...all, [sourceId]: { ...all[sourceId], ...changes } } : all,
    );
  }
}
