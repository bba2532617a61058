import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { GroupView, OrgUnitView } from '@uptake/contracts';
import { OrganisationContext } from '../../shell/organisation-context';
import { groupSections, orgUnitOptions } from './population-options';

/**
 * The filters every KPI page shares: date range and, with `showPopulation`, org unit and group (cohort).
 * It only edits the URL (?from=&to=&orgUnit=&group=) through `OrganisationContext.setParams`; pages read the
 * values back from `OrganisationContext.filters()`, so a reload or shared link shows the same view.
 *
 * ```html
 * <up-filter-bar [showPopulation]="true" [effectiveRange]="report()?.scope" />
 * ```
 * - `showPopulation` (default true): show the org unit and group selects (hide them for org-wide views).
 * - `effectiveRange` (optional `{from, to}`): the range the API actually used, shown in the date inputs while
 *   the URL leaves the range to the API's default (so people see which days they are looking at).
 */
@Component({
  selector: 'up-filter-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './filter-bar.component.html',
  styleUrl: './filter-bar.component.css',
})
export class FilterBarComponent {
  private readonly context = inject(OrganisationContext);

  readonly showPopulation = input(true);
  readonly effectiveRange = input<{ from: string; to: string } | undefined>(undefined);

  protected readonly filters = this.context.filters;
  protected readonly from = computed(() => this.filters().from ?? this.effectiveRange()?.from ?? '');
  protected readonly to = computed(() => this.filters().to ?? this.effectiveRange()?.to ?? '');

  private readonly organisationUrl = (path: string) => {
    const organisation = this.context.organisation();
    return this.showPopulation() && organisation
      ? `/api/organisations/${encodeURIComponent(organisation.id)}/${path}`
      : undefined;
  };
  protected readonly orgUnits = httpResource<OrgUnitView[]>(() => this.organisationUrl('org-units'));
  protected readonly groups = httpResource<GroupView[]>(() => this.organisationUrl('groups'));

  protected readonly orgUnitOptions = computed(() =>
    this.orgUnits.hasValue() ? orgUnitOptions(this.orgUnits.value()) : [],
  );
  protected readonly groupSections = computed(() =>
    this.groups.hasValue() ? groupSections(this.groups.value()) : [],
  );

  protected readonly filtered = computed(() =>
    Object.values(this.filters()).some((value) => value !== undefined),
  );

  protected set(name: 'from' | 'to' | 'orgUnit' | 'group', event: Event): void {
    this.context.setParams({ [name]: (event.target as HTMLInputElement | HTMLSelectElement).value });
  }

  protected clear(): void {
    this.context.setParams({ from: null, to: null, orgUnit: null, group: null });
  }
}
