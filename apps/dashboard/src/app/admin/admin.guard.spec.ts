import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  convertToParamMap,
  provideRouter,
  Router,
  UrlTree,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
} from '@angular/router';
import type { OrganisationSummary } from '@uptake/contracts';
import type { Observable } from 'rxjs';
import type { Me } from '../api/uptake-api.service';
import { navigationFor, OrganisationContext, type Role } from '../shell/organisation-context';
import { adminOnly } from './admin.guard';

const org = (id: string): OrganisationSummary => ({
  id,
  name: id,
  slug: id,
  minGroupSize: 5,
  perturbation: false,
  people: 10,
});
const meWith = (...memberships: [string, Role][]): Me => ({
  kind: 'session',
  userId: 'user-1',
  email: 'someone@acme.test',
  memberships: memberships.map(([organisationId, role]) => ({
    organisationId,
    organisationName: organisationId,
    role,
  })),
  locale: 'en',
  preferredLocale: null,
});

/** A stand-in for one of the shell's httpResources: loading until given a value or an error. */
function resource<T>() {
  const state = signal<{ loading: boolean; value?: T }>({ loading: true });
  return {
    isLoading: () => state().loading,
    hasValue: () => state().value !== undefined,
    value: () => state().value as T,
    resolve: (value: T | undefined) => state.set({ loading: false, value }),
  };
}

describe('adminOnly', () => {
  let me: ReturnType<typeof resource<Me>>;
  let organisations: ReturnType<typeof resource<OrganisationSummary[]>>;

  beforeEach(() => {
    me = resource<Me>();
    organisations = resource<OrganisationSummary[]>();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: OrganisationContext, useValue: { me, organisations } }],
    });
  });

  /** Runs the guard for /admin?org=…, and collects what it decides. */
  const enter = (orgParam?: string) => {
    const queryParams = orgParam ? { org: orgParam } : {};
    const route = { queryParams, queryParamMap: convertToParamMap(queryParams) } as ActivatedRouteSnapshot;
    const decided: (true | UrlTree)[] = [];
    const result = TestBed.runInInjectionContext(() =>
      adminOnly(route, { url: '/admin' } as RouterStateSnapshot),
    ) as Observable<true | UrlTree>;
    result.subscribe((value) => decided.push(value));
    return decided;
  };
  const serialized = (value: true | UrlTree) =>
    value === true ? true : TestBed.inject(Router).serializeUrl(value);

  it('waits for the shell to know who is signed in, then lets an admin in', () => {
    const decided = enter();
    TestBed.tick();
    expect(decided).toEqual([]); // still loading
    organisations.resolve([org('org-1')]);
    TestBed.tick();
    expect(decided).toEqual([]);
    me.resolve(meWith(['org-1', 'admin']));
    TestBed.tick();
    expect(decided.map(serialized)).toEqual([true]);
  });

  it('sends a change manager to the overview, keeping the organisation in the URL', () => {
    me.resolve(meWith(['org-1', 'admin'], ['org-2', 'change_manager']));
    organisations.resolve([org('org-1'), org('org-2')]);
    const decided = enter('org-2');
    TestBed.tick();
    // admin of org-1, but the page asked for is org-2's
    expect(decided.map(serialized)).toEqual(['/overview?org=org-2']);
  });

  it('without ?org= the first organisation counts, as in the picker', () => {
    me.resolve(meWith(['org-1', 'executive'], ['org-2', 'admin']));
    organisations.resolve([org('org-1'), org('org-2')]);
    const decided = enter();
    TestBed.tick();
    expect(decided.map(serialized)).toEqual(['/overview']);
  });

  it('a failed answer (no membership known) is not an admin', () => {
    me.resolve(undefined);
    organisations.resolve([org('org-1')]);
    const decided = enter();
    TestBed.tick();
    expect(decided.map(serialized)).toEqual(['/overview']);
  });
});

describe('navigation', () => {
  it('offers /admin to admins only', () => {
    const hasAdmin = (role: Role) => navigationFor(role).some((item) => item.path === '/admin');
    expect(hasAdmin('admin')).toBe(true);
    expect(hasAdmin('change_manager')).toBe(false);
    expect(hasAdmin('executive')).toBe(false);
    expect(hasAdmin('connector_maintainer')).toBe(false);
  });
});
