/**
 * Mentions in a Yammer message body. Yammer writes a mentioned person as `[[user:<id>]]` in `body.parsed` of
 * the REST API and in the `body` column of the network data export's Messages.csv (the display text shows
 * their name instead); `[[tag:…]]` and `[[group:…]]` references are no people and are left alone.
 */
const USER_REFERENCE = /\[\[user:(\d{1,20})\]\]/g;

/**
 * Distinct people mentioned per message that are read. A message naming more is a broadcast, not a
 * conversation between people: 50 is far above what a person types by hand, and bounds the events one
 * message can add. The REST API's `notified_user_ids` shares the bound.
 */
export const MAX_MENTIONS_PER_MESSAGE = 50;

/**
 * The Yammer user ids a body mentions, distinct, in order of first mention, at most `max`. Called before the
 * text is discarded: only these ids (which become pseudonymised targets) are kept from it, never the text.
 */
export function mentionedUserIds(body: string, max = MAX_MENTIONS_PER_MESSAGE): string[] {
  const ids = new Set<string>();
  if (!body.includes('[[user:')) return [];
  for (const match of body.matchAll(USER_REFERENCE)) {
    if (ids.size >= max) break;
    ids.add(match[1]);
  }
  return [...ids];
}
