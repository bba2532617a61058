import { httpResource } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { InterventionView } from '@uptake/contracts';
import { BusinessCaseApi } from '../api/business-case-api';
import { errorMessage } from '../api/uptake-api.service';
import { OrganisationContext } from '../shell/organisation-context';

/**
 * The organisation's interventions (at most MAX_INTERVENTIONS, a dated log), loaded once per organisation for
 * every chart's markers and the interventions log, and loaded again after a change. Nothing is requested until
 * something asks for them (`use()`): most pages draw no time chart, and the API need not answer for them.
 */
@Injectable({ providedIn: 'root' })
export class InterventionsStore {
  private readonly context = inject(OrganisationContext);
  private readonly wanted = signal(false);
  private readonly resource = httpResource<InterventionView[]>(() => {
    const organisation = this.context.organisation();
    return organisation && this.wanted() ? BusinessCaseApi.interventionsUrl(organisation.id) : undefined;
  });

  /** The interventions, oldest first ([] while loading, after an error or before `use()`). */
  readonly list = computed((): InterventionView[] =>
    this.resource.hasValue() ? [...this.resource.value()].sort((a, b) => a.day.localeCompare(b.day)) : [],
  );
  readonly loading = computed(() => this.resource.isLoading());
  readonly error = computed(() => (this.resource.error() ? errorMessage(this.resource.error()) : null));

  /** Starts loading (idempotent): called by whoever shows interventions. */
  use(): void {
    this.wanted.set(true);
  }

  /** After a create, edit or delete: every marker and list follows. */
  refresh(): void {
    if (this.wanted()) this.resource.reload();
    else this.wanted.set(true);
  }
}
