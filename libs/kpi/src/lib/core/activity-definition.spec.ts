import { ACTIVITY_TYPES } from '@uptake/contracts';
import {
  ACTIVE_TYPES,
  ACTIVITY_DEFINITION,
  CONTRIBUTION_TYPES,
  CREATION_TYPES,
  INTERACTION_TYPES,
  REACTION_TYPES,
  RECORDED_ONLY_TYPES,
  RESPONSE_TYPES,
  THREAD_RESPONSE_TYPES,
} from './activity-definition';

describe('what counts as activity', () => {
  it('classifies every type once: the README table', () => {
    const table = Object.fromEntries(
      ACTIVITY_TYPES.map((type) => [type, ACTIVITY_DEFINITION[type].role ?? 'recorded only']),
    );
    expect(table).toEqual({
      post: 'creator',
      question: 'creator',
      reply: 'contributor',
      answer: 'contributor',
      mention: 'contributor',
      share: 'contributor',
      call: 'contributor',
      reaction: 'contributor',
      read: 'reader',
      chat: 'reader',
      join: 'recorded only',
    });
  });

  it('never makes anyone active for joining, and derives the lists the rollups use', () => {
    expect(RECORDED_ONLY_TYPES).toEqual(['join']);
    expect(ACTIVE_TYPES).not.toContain('join');
    expect(ACTIVE_TYPES).toHaveLength(ACTIVITY_TYPES.length - 1);
    expect(CREATION_TYPES).toEqual(['post', 'question']);
    expect([...RESPONSE_TYPES].sort()).toEqual(['answer', 'call', 'mention', 'reply', 'share']);
    expect(REACTION_TYPES).toEqual(['reaction']);
    expect([...CONTRIBUTION_TYPES].sort()).toEqual([...RESPONSE_TYPES, ...REACTION_TYPES].sort());
    // a contribution aimed at someone is an edge of the network; reads and chats are not
    expect([...INTERACTION_TYPES].sort()).toEqual([...CONTRIBUTION_TYPES].sort());
    expect(THREAD_RESPONSE_TYPES).toEqual(['reply', 'answer']);
  });
});
