import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import { DELIVERY_KINDS, DELIVERY_STATUSES, type DeliveryView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { olderPageCursor } from '../shared/paging';
import { deliveryRow } from './deliveries';
import { DELIVERIES_PAGE_SIZE, NotificationsApi, type DeliveriesFilter } from './notifications-api';
import { deliveryKindName, deliveryStatusName } from './summaries';

/**
 * The delivery log, newest first, DELIVERIES_PAGE_SIZE rows a page ("Older" continues after the last row
 * shown): an admin sees every digest, alert and test of the organisation, anyone else their own.
 */
@Component({
  selector: 'up-deliveries-section',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deliveries-section.component.html',
  styleUrls: ['../admin/admin-section.css', './notifications-section.css'],
})
export class DeliveriesSectionComponent {
  readonly organisationId = input.required<string>();
  readonly isAdmin = input(false);

  protected readonly statuses = DELIVERY_STATUSES;
  protected readonly kinds = DELIVERY_KINDS;
  protected readonly statusName = deliveryStatusName;
  protected readonly kindName = deliveryKindName;

  /** The filters, and the page shown (undefined: the newest); both start afresh in another organisation. */
  protected readonly filter = linkedSignal<string, DeliveriesFilter>({
    source: this.organisationId,
    computation: () => ({}),
  });
  protected readonly before = linkedSignal<
    { organisationId: string; filter: DeliveriesFilter },
    string | undefined
  >({
    source: () => ({ organisationId: this.organisationId(), filter: this.filter() }),
    computation: () => undefined,
  });
  protected readonly deliveries = httpResource<DeliveryView[]>(() =>
    NotificationsApi.deliveriesUrl(this.organisationId(), this.before(), this.filter()),
  );
  protected readonly loadError = computed(() =>
    this.deliveries.error() ? errorMessage(this.deliveries.error()) : null,
  );
  private readonly page = computed(() => (this.deliveries.hasValue() ? this.deliveries.value() : []));
  protected readonly rows = computed(() => this.page().map(deliveryRow));
  protected readonly older = computed(() => olderPageCursor(this.page(), DELIVERIES_PAGE_SIZE));

  protected setFilter(change: DeliveriesFilter): void {
    this.filter.update((filter) => {
      const next = { ...filter, ...change };
      return Object.fromEntries(Object.entries(next).filter(([, value]) => value)) as DeliveriesFilter;
    });
  }
}
