import type { InvitationView, Member } from '@uptake/contracts';
import { pendingInvitations } from './members';

export type ChecklistStepKey = 'directory' | 'source' | 'plan' | 'invite';

/** What the checklist is computed from: each answer undefined while loading or when its request failed. */
export interface ChecklistAnswers {
  /** People currently in the directory (the organisation summary's `people`). */
  people: number | undefined;
  sources: readonly unknown[] | undefined;
  rollouts: readonly unknown[] | undefined;
  members: readonly Member[] | undefined;
  invitations: readonly InvitationView[] | undefined;
}

export interface ChecklistStep {
  key: ChecklistStepKey;
  label: string;
  /** null: not known (the answer it rests on is loading or failed), shown neither done nor to do. */
  done: boolean | null;
  /** Where the step is done. */
  link: { path: string; fragment?: string };
  hint: string;
}

export interface Checklist {
  steps: ChecklistStep[];
  doneCount: number;
  /** Every step known to be done: the card has nothing left to say. */
  complete: boolean;
}

const known = <T>(answer: T | undefined, test: (value: T) => boolean): boolean | null =>
  answer === undefined ? null : test(answer);

/**
 * A new organisation's first steps and which are done, from the API's answers:
 * - the directory is uploaded when the organisation has people (a directory source or a CSV import ran);
 * - a data source exists;
 * - a rollout plan exists;
 * - people are invited: someone besides the first admin is a member, or an invitation is still open.
 */
export function firstRunChecklist(answers: ChecklistAnswers, now: Date): Checklist {
  const steps: ChecklistStep[] = [
    {
      key: 'directory',
      label: $localize`:@@admin.checklist.directory.label:Upload the directory`,
      done: known(answers.people, (people) => people > 0),
      link: { path: '/connectors' },
      hint: $localize`:@@admin.checklist.directory.hint:Add a directory source (Entra ID, or a CSV of people and org units) and run it.`,
    },
    {
      key: 'source',
      label: $localize`:@@admin.checklist.source.label:Add a data source`,
      done: known(answers.sources, (sources) => sources.length > 0),
      link: { path: '/connectors' },
      hint: $localize`:@@admin.checklist.source.hint:Connect the collaboration network (Viva Engage, Slack, Teams…) whose adoption is measured.`,
    },
    {
      key: 'plan',
      label: $localize`:@@admin.checklist.plan.label:Create a rollout plan`,
      done: known(answers.rollouts, (plans) => plans.length > 0),
      link: { path: '/rollout' },
      hint: $localize`:@@admin.checklist.plan.hint:Phases, their target groups and the gates that decide when the next one starts.`,
    },
    {
      key: 'invite',
      label: $localize`:@@admin.checklist.invite.label:Invite people`,
      done: invited(answers.members, answers.invitations, now),
      link: { path: '/admin', fragment: 'members' },
      hint: $localize`:@@admin.checklist.invite.hint:Change managers, executives and connector maintainers, each with their own role.`,
    },
  ];
  const doneCount = steps.filter((step) => step.done === true).length;
  return { steps, doneCount, complete: doneCount === steps.length };
}

/**
 * Someone besides the first admin is a member, or an invitation is open. One answer suffices to say yes; a
 * no needs both.
 */
function invited(
  members: readonly Member[] | undefined,
  invitations: readonly InvitationView[] | undefined,
  now: Date,
): boolean | null {
  const anotherMember = members === undefined ? null : members.length > 1;
  const openInvitation = invitations === undefined ? null : pendingInvitations(invitations, now).length > 0;
  if (anotherMember === true || openInvitation === true) return true;
  return anotherMember === null || openInvitation === null ? null : false;
}

/** The key under which one user's dismissal of one organisation's checklist is kept in the browser. */
export function dismissalKey(userId: string, organisationId: string): string {
  return `uptake.first-run-checklist.dismissed.${userId}.${organisationId}`;
}

/** A dismissal survives a reload (localStorage), per user and organisation; storage that throws counts as none. */
export function isDismissed(storage: Pick<Storage, 'getItem'>, key: string): boolean {
  try {
    return storage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

export function setDismissed(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  dismissed: boolean,
): void {
  try {
    if (dismissed) storage.setItem(key, 'true');
    else storage.removeItem(key);
  } catch {
    // private mode or a full quota: the card is shown again next time, nothing else breaks
  }
}
