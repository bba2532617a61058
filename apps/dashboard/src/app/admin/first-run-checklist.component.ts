import { httpResource, type HttpResourceRef } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { InvitationView, Member, RolloutPlanView, Source } from '@uptake/contracts';
import { AdminApi } from '../api/admin-api';
import { ConnectorsApi } from '../connectors/connectors-api';
import { RolloutApi } from '../rollout/rollout-api';
import { OrganisationContext } from '../shell/organisation-context';
import { dismissalKey, firstRunChecklist, isDismissed, setDismissed } from './checklist';

type ListResource<T> = HttpResourceRef<T[] | undefined>;

const valueOf = <T>(resource: ListResource<T>): T[] | undefined =>
  resource.hasValue() ? resource.value() : undefined;

/**
 * A new organisation's first steps (directory, source, plan, invitations) and which are done, for its admins.
 * Hidden once every step is done, or when this user dismissed it for this organisation (kept in
 * localStorage). `compact`: one line with the steps left, for the overview. The admin page passes the
 * members and invitations it already loads, so an invitation sent there ticks the step at once.
 */
@Component({
  selector: 'up-first-run-checklist',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './first-run-checklist.component.html',
  styleUrl: './first-run-checklist.component.css',
})
export class FirstRunChecklistComponent {
  private readonly context = inject(OrganisationContext);

  readonly compact = input(false);
  readonly members = input<ListResource<Member>>();
  readonly invitations = input<ListResource<InvitationView>>();

  private readonly organisationId = computed(() => this.context.organisation()?.id);

  private readonly storageKey = computed(() => {
    const me = this.context.me.hasValue() ? this.context.me.value() : undefined;
    const organisationId = this.organisationId();
    return me?.userId && organisationId ? dismissalKey(me.userId, organisationId) : undefined;
  });
  /** Dismissed by this user, or seen complete once: kept in localStorage per user and organisation. */
  protected readonly dismissed = linkedSignal(() => {
    const key = this.storageKey();
    return key ? isDismissed(localStorage, key) : false;
  });

  /**
   * On the overview nothing is asked of the API once the checklist is dismissed or was seen complete (it
   * is a first-run aid, not a monitor); the admin page always loads, to offer bringing it back.
   */
  private readonly loads = computed(
    () => !this.compact() || (this.storageKey() !== undefined && !this.dismissed()),
  );
  private readonly url = (build: (organisationId: string) => string, given?: unknown) => {
    const organisationId = this.organisationId();
    return organisationId && !given && this.loads() ? build(organisationId) : undefined;
  };

  private readonly sources = httpResource<Source[]>(() => this.url(ConnectorsApi.sourcesUrl));
  private readonly rollouts = httpResource<RolloutPlanView[]>(() => this.url(RolloutApi.plansUrl));
  private readonly ownMembers = httpResource<Member[]>(() => this.url(AdminApi.membersUrl, this.members()));
  private readonly ownInvitations = httpResource<InvitationView[]>(() =>
    this.url((id) => AdminApi.invitationsUrl(id), this.invitations()),
  );

  private readonly resources = computed(() => [
    this.sources,
    this.rollouts,
    this.members() ?? this.ownMembers,
    this.invitations() ?? this.ownInvitations,
  ]);
  private readonly loading = computed(() => this.resources().some((resource) => resource.isLoading()));

  protected readonly checklist = computed(() =>
    firstRunChecklist(
      {
        people: this.context.organisation()?.people,
        sources: valueOf(this.sources),
        rollouts: valueOf(this.rollouts),
        members: valueOf(this.members() ?? this.ownMembers),
        invitations: valueOf(this.invitations() ?? this.ownInvitations),
      },
      new Date(),
    ),
  );
  protected readonly remaining = computed(() => this.checklist().steps.filter((step) => step.done !== true));

  /** Shown once everything it rests on has loaded, while a step is left and it is not dismissed. */
  protected readonly visible = computed(
    () => !this.loading() && !this.checklist().complete && !this.dismissed(),
  );
  /** On the admin page a dismissed checklist can be brought back. */
  protected readonly restorable = computed(
    () => !this.compact() && !this.loading() && !this.checklist().complete && this.dismissed(),
  );

  constructor() {
    // Once every step is done the card is not needed again for this user, even if a step is undone later.
    effect(() => {
      const key = this.storageKey();
      if (key && this.checklist().complete) setDismissed(localStorage, key, true);
    });
  }

  protected dismiss(dismissed: boolean): void {
    const key = this.storageKey();
    if (key) setDismissed(localStorage, key, dismissed);
    this.dismissed.set(dismissed);
  }
}
