import { computed, inject, Injector } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Router, type CanActivateFn, type UrlTree } from '@angular/router';
import { filter, take, type Observable } from 'rxjs';
import { OrganisationContext, pickOrganisation, roleIn } from '../shell/organisation-context';

/**
 * /admin for the admins of the organisation being looked at; anyone else goes to the overview (the API
 * refuses them every request of the page anyway: this only spares them a page of errors). Waits for the
 * shell's own answers (who am I, which organisations) rather than asking again, and reads `?org=` from the
 * route being entered, since the shell's copy of the URL changes only once the navigation ends.
 */
export const adminOnly: CanActivateFn = (route): Observable<true | UrlTree> => {
  const context = inject(OrganisationContext);
  const router = inject(Router);
  const wanted = route.queryParamMap.get('org') ?? undefined;
  const decision = computed((): true | UrlTree | undefined => {
    if (context.me.isLoading() || context.organisations.isLoading()) return undefined;
    const me = context.me.hasValue() ? context.me.value() : undefined;
    const organisations = context.organisations.hasValue() ? context.organisations.value() : [];
    return roleIn(me, pickOrganisation(organisations, wanted)) === 'admin'
      ? true
      : router.createUrlTree(['/overview'], { queryParams: route.queryParams });
  });
  return toObservable(decision, { injector: inject(Injector) }).pipe(
    filter((value): value is true | UrlTree => value !== undefined),
    take(1),
  );
};
