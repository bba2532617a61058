import { DatePipe } from '@angular/common';
import type { HttpResourceRef } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { InvitationView, Member } from '@uptake/contracts';
import { AdminApi } from '../api/admin-api';
import { errorMessage } from '../api/uptake-api.service';
import { OrganisationContext } from '../shell/organisation-context';
import { formErrors, noErrors } from './http-errors';
import {
  INVITE_FIELDS,
  invitationSentMessage,
  memberRows,
  pendingInvitations,
  type InviteField,
  type MemberRow,
} from './members';
import { DEFAULT_INVITE_ROLE, ROLE_OPTIONS, roleName, type Role } from './roles';

/**
 * Members and invitations: change a role or remove a member (the API's refusal, such as leaving the
 * organisation without an admin, shown on the row), invite someone by e-mail, revoke a pending invitation.
 */
@Component({
  selector: 'up-members-section',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './members-section.component.html',
  styleUrl: './admin-section.css',
})
export class MembersSectionComponent {
  private readonly api = inject(AdminApi);
  private readonly context = inject(OrganisationContext);
  private readonly router = inject(Router);

  readonly organisationId = input.required<string>();
  readonly members = input.required<HttpResourceRef<Member[] | undefined>>();
  readonly invitations = input.required<HttpResourceRef<InvitationView[] | undefined>>();

  protected readonly roles = ROLE_OPTIONS;
  protected readonly roleName = roleName;

  protected roleOfLabel(email: string): string {
    return $localize`:@@admin.members.roleOf:Role of ${email}:email:`;
  }

  private readonly userId = computed(() =>
    this.context.me.hasValue() ? this.context.me.value().userId : null,
  );
  protected readonly rows = computed(() => {
    const members = this.members();
    return members.hasValue() ? memberRows(members.value(), this.userId()) : [];
  });
  protected readonly membersError = computed(() => {
    const error = this.members().error();
    return error ? errorMessage(error) : null;
  });
  protected readonly pending = computed(() => {
    const invitations = this.invitations();
    return invitations.hasValue() ? pendingInvitations(invitations.value(), new Date()) : [];
  });
  protected readonly invitationsError = computed(() => {
    const error = this.invitations().error();
    return error ? errorMessage(error) : null;
  });

  /** The row (user id) whose request is under way, its refusal, and the row asking to confirm removal. */
  protected readonly busyRow = signal<string | null>(null);
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly confirmingRemoval = signal<string | null>(null);

  protected changeRole(row: MemberRow, select: HTMLSelectElement): void {
    const role = select.value as Role;
    if (role === row.role) return;
    this.startRow(row.userId);
    this.api.changeRole(this.organisationId(), row.userId, role).subscribe({
      next: (member) => {
        this.busyRow.set(null);
        const members = this.members();
        if (members.hasValue())
          members.set(members.value().map((m) => (m.userId === member.userId ? member : m)));
        // An admin who gave up their own admin role can no longer use this page.
        if (row.you && member.role !== 'admin') this.leavePage();
      },
      error: (error: unknown) => {
        // The select shows what was picked: put it back to the role the member still has.
        select.value = row.role;
        this.failRow(row.userId, error);
      },
    });
  }

  protected remove(row: MemberRow): void {
    this.startRow(row.userId);
    this.confirmingRemoval.set(null);
    this.api.removeMember(this.organisationId(), row.userId).subscribe({
      next: () => {
        this.busyRow.set(null);
        if (row.you) this.leavePage();
        else this.members().reload();
      },
      error: (error: unknown) => this.failRow(row.userId, error),
    });
  }

  // Invite form
  protected readonly inviteEmail = signal('');
  protected readonly inviteRole = signal<Role>(DEFAULT_INVITE_ROLE);
  protected readonly inviting = signal(false);
  protected readonly inviteErrors = signal(noErrors<InviteField>());
  protected readonly inviteSent = signal<string | null>(null);

  protected invite(event: Event): void {
    event.preventDefault();
    this.inviting.set(true);
    this.inviteErrors.set(noErrors());
    this.inviteSent.set(null);
    this.api
      .invite(this.organisationId(), { email: this.inviteEmail().trim(), role: this.inviteRole() })
      .subscribe({
        next: (invitation) => {
          this.inviting.set(false);
          this.inviteSent.set(invitationSentMessage(invitation));
          this.inviteEmail.set('');
          this.invitations().reload();
        },
        error: (error: unknown) => {
          this.inviting.set(false);
          this.inviteErrors.set(formErrors(error, INVITE_FIELDS));
        },
      });
  }

  // Pending invitations
  protected readonly confirmingRevoke = signal<string | null>(null);
  protected readonly revokeError = signal<string | null>(null);

  protected revoke(invitation: InvitationView): void {
    this.confirmingRevoke.set(null);
    this.revokeError.set(null);
    this.api.revokeInvitation(this.organisationId(), invitation.id).subscribe({
      next: () => this.invitations().reload(),
      error: (error: unknown) => this.revokeError.set(`${invitation.email}: ${errorMessage(error)}`),
    });
  }

  private startRow(userId: string): void {
    this.busyRow.set(userId);
    this.rowErrors.update(({ [userId]: _, ...others }) => others);
  }

  private failRow(userId: string, error: unknown): void {
    this.busyRow.set(null);
    this.rowErrors.update((errors) => ({ ...errors, [userId]: errorMessage(error) }));
  }

  private leavePage(): void {
    this.context.me.reload();
    void this.router.navigate(['/overview'], { queryParamsHandling: 'preserve' });
  }
}
