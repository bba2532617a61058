import {
  dismissalKey,
  firstRunChecklist,
  isDismissed,
  setDismissed,
  type ChecklistAnswers,
} from './checklist';
import { invitation, member, NOW } from './admin.fixtures';

const ADMIN = member('admin@acme.test', 'admin');
const NOTHING_YET: ChecklistAnswers = {
  people: 0,
  sources: [],
  rollouts: [],
  members: [ADMIN],
  invitations: [],
};

const doneOf = (answers: ChecklistAnswers) =>
  Object.fromEntries(firstRunChecklist(answers, NOW).steps.map((step) => [step.key, step.done]));

describe('firstRunChecklist', () => {
  it('a new organisation: nothing done, every step links to where it is done', () => {
    const checklist = firstRunChecklist(NOTHING_YET, NOW);
    expect(checklist.steps.map((s) => [s.key, s.label, s.done, s.link])).toEqual([
      ['directory', 'Upload the directory', false, { path: '/connectors' }],
      ['source', 'Add a data source', false, { path: '/connectors' }],
      ['plan', 'Create a rollout plan', false, { path: '/rollout' }],
      ['invite', 'Invite people', false, { path: '/admin', fragment: 'members' }],
    ]);
    expect(checklist.doneCount).toBe(0);
    expect(checklist.complete).toBe(false);
  });

  it('ticks each step from its own answer', () => {
    // one person in the directory is enough: the directory was uploaded
    expect(doneOf({ ...NOTHING_YET, people: 1 })).toEqual({
      directory: true,
      source: false,
      plan: false,
      invite: false,
    });
    expect(doneOf({ ...NOTHING_YET, sources: [{ id: 's' }], rollouts: [{ id: 'p' }] })).toEqual({
      directory: false,
      source: true,
      plan: true,
      invite: false,
    });
  });

  it('people are invited when a second member exists or an invitation is still open', () => {
    const second = member('cm@acme.test', 'change_manager');
    expect(doneOf({ ...NOTHING_YET, members: [ADMIN, second] }).invite).toBe(true);
    expect(doneOf({ ...NOTHING_YET, invitations: [invitation('new@acme.test')] }).invite).toBe(true);
    // a revoked, an expired and a lapsed pending one (expiry before NOW) do not count
    const past = [
      invitation('a@acme.test', { status: 'revoked' }),
      invitation('b@acme.test', { status: 'expired' }),
      invitation('c@acme.test', { expiresAt: '2026-03-10T11:59:59Z' }),
    ];
    expect(doneOf({ ...NOTHING_YET, invitations: past }).invite).toBe(false);
    // one answer saying yes is enough even if the other failed; a no needs both
    expect(doneOf({ ...NOTHING_YET, members: [ADMIN, second], invitations: undefined }).invite).toBe(true);
    expect(doneOf({ ...NOTHING_YET, invitations: undefined }).invite).toBeNull();
  });

  it('a step whose answer is missing (loading or failed) is neither done nor to do', () => {
    const checklist = firstRunChecklist(
      {
        people: undefined,
        sources: undefined,
        rollouts: [{ id: 'p' }],
        members: undefined,
        invitations: undefined,
      },
      NOW,
    );
    expect(checklist.steps.map((s) => s.done)).toEqual([null, null, true, null]);
    // 1 of 4 known done: not complete
    expect(checklist.doneCount).toBe(1);
    expect(checklist.complete).toBe(false);
  });

  it('is complete when all four are done', () => {
    const checklist = firstRunChecklist(
      {
        people: 120,
        sources: [{}],
        rollouts: [{}],
        members: [ADMIN],
        invitations: [invitation('x@acme.test')],
      },
      NOW,
    );
    expect(checklist.doneCount).toBe(4);
    expect(checklist.complete).toBe(true);
  });
});

describe('checklist dismissal', () => {
  const storage = () => {
    const values = new Map<string, string>();
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    };
  };

  it('is kept per user and organisation', () => {
    const store = storage();
    const mine = dismissalKey('user-1', 'org-1');
    expect(mine).toBe('uptake.first-run-checklist.dismissed.user-1.org-1');
    expect(isDismissed(store, mine)).toBe(false);
    setDismissed(store, mine, true);
    expect(isDismissed(store, mine)).toBe(true);
    expect(isDismissed(store, dismissalKey('user-2', 'org-1'))).toBe(false);
    expect(isDismissed(store, dismissalKey('user-1', 'org-2'))).toBe(false);
    setDismissed(store, mine, false);
    expect(isDismissed(store, mine)).toBe(false);
  });

  it('storage that throws (private mode) counts as not dismissed and does not break', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(isDismissed(broken, 'k')).toBe(false);
    expect(() => setDismissed(broken, 'k', true)).not.toThrow();
  });
});
