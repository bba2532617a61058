import { httpResource } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ApiTokenView, InvitationView, Member } from '@uptake/contracts';
import { AdminApi } from '../api/admin-api';
import { OrganisationContext } from '../shell/organisation-context';
import { ApiTokensSectionComponent } from './api-tokens-section.component';
import { AuditLogSectionComponent } from './audit-log-section.component';
import { FirstRunChecklistComponent } from './first-run-checklist.component';
import { MembersSectionComponent } from './members-section.component';
import { SsoSectionComponent } from './sso-section.component';

/**
 * The admin's page (admins only, see adminOnly): the getting-started checklist, members and invitations, API
 * tokens, single sign-on and the audit log. Members, invitations and tokens are loaded here once and shared:
 * the checklist ticks "Invite people" as soon as an invitation is sent, and the audit log names actors.
 */
@Component({
  selector: 'up-admin-page',
  imports: [
    ApiTokensSectionComponent,
    RouterLink,
    AuditLogSectionComponent,
    FirstRunChecklistComponent,
    MembersSectionComponent,
    SsoSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin.page.html',
  styleUrl: './admin.page.css',
})
export class AdminPage {
  private readonly context = inject(OrganisationContext);
  protected readonly organisation = this.context.organisation;
  private readonly url = (build: (organisationId: string) => string) => {
    const organisation = this.organisation();
    return organisation ? build(organisation.id) : undefined;
  };

  protected readonly members = httpResource<Member[]>(() => this.url(AdminApi.membersUrl));
  protected readonly invitations = httpResource<InvitationView[]>(() =>
    this.url((id) => AdminApi.invitationsUrl(id)),
  );
  protected readonly tokens = httpResource<ApiTokenView[]>(() => this.url(AdminApi.apiTokensUrl));
  protected readonly memberList = computed(() => (this.members.hasValue() ? this.members.value() : []));
  protected readonly tokenList = computed(() => (this.tokens.hasValue() ? this.tokens.value() : []));

  /** The sections to jump to (/admin#members: the checklist's "Invite people" links there). */
  protected readonly sections = [
    { id: 'members', label: $localize`:@@admin.section.members:Members` },
    { id: 'tokens', label: $localize`:@@admin.section.tokens:API tokens` },
    { id: 'sso', label: $localize`:@@admin.section.sso:Single sign-on` },
    { id: 'audit', label: $localize`:@@admin.section.audit:Audit log` },
  ];

  constructor() {
    // The router does not scroll to fragments in this app (no anchorScrolling): the page does, once drawn.
    const injector = inject(Injector);
    inject(ActivatedRoute)
      .fragment.pipe(takeUntilDestroyed())
      .subscribe((fragment) => {
        if (fragment)
          afterNextRender(() => document.getElementById(fragment)?.scrollIntoView?.({ block: 'start' }), {
            injector,
          });
      });
  }
}
