import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import type { ApiTokenView, AuditEventView, Member } from '@uptake/contracts';
import { ADMIN_PAGE_SIZE, AdminApi } from '../api/admin-api';
import { errorMessage } from '../api/uptake-api.service';
import { olderPageCursor } from '../shared/paging';
import { auditRow } from './audit';

/**
 * The organisation's audit log, newest first, a page of ADMIN_PAGE_SIZE events at a time: "Older" continues
 * after the last event shown (`before`), "Newest" goes back to the start. Actors and targets are named by
 * the members and tokens the page loaded.
 */
@Component({
  selector: 'up-audit-log-section',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-log-section.component.html',
  styleUrl: './admin-section.css',
})
export class AuditLogSectionComponent {
  readonly organisationId = input.required<string>();
  readonly members = input<readonly Member[]>([]);
  readonly tokens = input<readonly ApiTokenView[]>([]);

  /** The page shown: undefined for the newest; back to it when the organisation changes. */
  protected readonly before = linkedSignal<string, string | undefined>({
    source: this.organisationId,
    computation: () => undefined,
  });
  protected readonly events = httpResource<AuditEventView[]>(() =>
    AdminApi.auditEventsUrl(this.organisationId(), this.before()),
  );
  protected readonly loadError = computed(() =>
    this.events.error() ? errorMessage(this.events.error()) : null,
  );
  private readonly page = computed(() => (this.events.hasValue() ? this.events.value() : []));
  protected readonly rows = computed(() => {
    const names = {
      users: new Map(this.members().map((m) => [m.userId, m.email])),
      tokens: new Map(this.tokens().map((t) => [t.id, t.name])),
    };
    return this.page().map((event) => auditRow(event, names));
  });
  protected readonly older = computed(() => olderPageCursor(this.page(), ADMIN_PAGE_SIZE));
}
