import type { InvitationView, Member } from '@uptake/contracts';
import type { Role } from './roles';

/** One row of the members table. */
export interface MemberRow {
  userId: string;
  email: string;
  role: Role;
  /** ISO instants, formatted by the template. */
  joined: string;
  lastSignIn: string | null;
  /** The signed-in admin's own row. */
  you: boolean;
  /** The organisation's only admin: the API refuses to demote or remove them (the page says why up front). */
  onlyAdmin: boolean;
}

/**
 * The members sorted by e-mail (the API's order is by joining date, which says little to an admin looking
 * for someone). Marks the only admin so the page can explain the refusal it will get.
 */
export function memberRows(
  members: readonly Member[],
  currentUserId: string | null | undefined,
): MemberRow[] {
  const admins = members.filter((m) => m.role === 'admin').length;
  return [...members]
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((m) => ({
      userId: m.userId,
      email: m.email,
      role: m.role,
      joined: m.createdAt,
      lastSignIn: m.lastLoginAt,
      you: m.userId === currentUserId,
      onlyAdmin: m.role === 'admin' && admins === 1,
    }));
}

/**
 * The invitations whose link still works: `pending` and not past their expiry. The API marks a lapsed one
 * `expired` when it is read, but the list may have been loaded before it lapsed.
 */
export function pendingInvitations(invitations: readonly InvitationView[], now: Date): InvitationView[] {
  return invitations.filter((i) => i.status === 'pending' && Date.parse(i.expiresAt) > now.getTime());
}

/**
 * What the page says after an invitation: the API answers 202 whether or not an account exists for the
 * address, and never returns the link (it goes only to the address), so it cannot say more than this.
 */
export function invitationSentMessage(invitation: Pick<InvitationView, 'email'>): string {
  return $localize`:@@admin.invite.sent:An invitation link was e-mailed to ${invitation.email}:email: if the address can receive it. Whoever opens it joins with the role chosen here; it is listed under pending invitations until then.`;
}

/** The fields of the invite form, as the API names them in its 400s. */
export const INVITE_FIELDS = ['email', 'role'] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];
