import { MAX_MENTIONS_PER_MESSAGE, mentionedUserIds } from './yammer-mentions';

describe('mentionedUserIds', () => {
  it('reads [[user:ID]] references, distinct and in order of first mention', () => {
    expect(
      mentionedUserIds(
        'Thanks [[user:1003]] and [[user:1002]]! cc [[user:1003]] in [[group:501]] #[[tag:77]]',
      ),
    ).toEqual(['1003', '1002']);
  });

  it('finds nothing in a body without references, an empty body or malformed ones', () => {
    expect(mentionedUserIds('')).toEqual([]);
    expect(mentionedUserIds('Hello @Bob')).toEqual([]);
    expect(mentionedUserIds('[[user:]] [[user:abc]] [user:12] [[user:12]')).toEqual([]);
  });

  it('stops at the bound', () => {
    const body = Array.from({ length: 60 }, (_, i) => `[[user:${1000 + i}]]`).join(' ');
    const ids = mentionedUserIds(body);
    // 60 distinct references, 50 read: the first 50 (1000 .. 1049).
    expect(ids).toHaveLength(MAX_MENTIONS_PER_MESSAGE);
    expect(ids[0]).toBe('1000');
    expect(ids[49]).toBe('1049');
    expect(mentionedUserIds(body, 2)).toEqual(['1000', '1001']);
  });
});
