import { httpResource } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, type Params } from '@angular/router';
import type { OrganisationSummary } from '@uptake/contracts';
import { filter, map } from 'rxjs';
import { errorMessage, UptakeApi, type Me, type Membership } from '../api/uptake-api.service';

export type Role = Membership['role'];

/**
 * The organisation being looked at and the filters shared by every page. They live in the URL query
 * (?org=&from=&to=&orgUnit=&group=) so a link reproduces the view; pages read them from here.
 */
@Injectable({ providedIn: 'root' })
export class OrganisationContext {
  private readonly router = inject(Router);

  private readonly params = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.routerState.snapshot.root.queryParams),
    ),
    { initialValue: this.router.routerState.snapshot.root.queryParams as Params },
  );

  readonly me = httpResource<Me>(() => '/api/auth/me');
  readonly organisations = httpResource<OrganisationSummary[]>(() => UptakeApi.organisationsUrl());
  readonly organisationsError = computed(() =>
    this.organisations.error() ? errorMessage(this.organisations.error()) : null,
  );

  readonly organisation = computed((): OrganisationSummary | undefined =>
    pickOrganisation(this.organisations.hasValue() ? this.organisations.value() : [], this.param('org')),
  );

  /** The signed-in user's role in the current organisation (null for an API token or no membership). */
  readonly role = computed((): Role | null =>
    roleIn(this.me.hasValue() ? this.me.value() : undefined, this.organisation()),
  );

  /** Date range and population filters (undefined = the API's default). */
  readonly filters = computed(() => ({
    from: this.param('from'),
    to: this.param('to'),
    orgUnitId: this.param('orgUnit'),
    groupId: this.param('group'),
  }));

  param(name: string): string | undefined {
    const value: unknown = this.params()[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** Changes query parameters of the current page (empty values remove them). */
  setParams(changes: Record<string, string | null | undefined>): void {
    void this.router.navigate([], {
      queryParams: Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value || null])),
      queryParamsHandling: 'merge',
    });
  }
}

/** The organisation `?org=` names, or the first one (the picker's default). */
export function pickOrganisation(
  organisations: readonly OrganisationSummary[],
  wanted: string | undefined,
): OrganisationSummary | undefined {
  return organisations.find((o) => o.id === wanted) ?? organisations[0];
}

/** The user's role in the organisation: null for an API token, no membership or nothing loaded. */
export function roleIn(me: Me | undefined, organisation: OrganisationSummary | undefined): Role | null {
  if (!me || !organisation) return null;
  return me.memberships.find((m) => m.organisationId === organisation.id)?.role ?? null;
}

/** Which pages each role sees in the navigation (the API enforces access; this only hides dead ends). */
export const NAVIGATION: { path: string; label: string; roles: Role[] }[] = [
  {
    path: '/overview',
    label: $localize`:@@shell.nav.overview:Overview`,
    roles: ['admin', 'executive', 'change_manager'],
  },
  {
    path: '/business-case',
    label: $localize`:@@shell.nav.businessCase:Business case`,
    roles: ['admin', 'executive', 'change_manager'],
  },
  { path: '/rollout', label: $localize`:@@shell.nav.rollout:Rollout`, roles: ['admin', 'change_manager'] },
  {
    path: '/communities',
    label: $localize`:@@shell.nav.communities:Communities`,
    roles: ['admin', 'change_manager'],
  },
  { path: '/adoption', label: $localize`:@@shell.nav.adoption:Adoption`, roles: ['admin', 'change_manager'] },
  {
    path: '/connectors',
    label: $localize`:@@shell.nav.connectors:Connectors`,
    roles: ['admin', 'connector_maintainer'],
  },
  {
    path: '/notifications',
    label: $localize`:@@shell.nav.notifications:Notifications`,
    roles: ['admin', 'executive', 'change_manager', 'connector_maintainer'],
  },
  { path: '/settings', label: $localize`:@@shell.nav.settings:Settings`, roles: ['admin'] },
  { path: '/admin', label: $localize`:@@shell.nav.admin:Admin`, roles: ['admin'] },
];

export function navigationFor(role: Role | null): typeof NAVIGATION {
  return role === null ? NAVIGATION : NAVIGATION.filter((item) => item.roles.includes(role));
}
