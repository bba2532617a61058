/**
 * Every Slack message subtype the connectors know, and what it becomes: the one table of what counts (see
 * Slack's message subtypes, https://docs.slack.dev/reference/events/message#subtypes, and the export format).
 * A subtype that is not here is skipped and listed in the run's warnings, so a new one is seen, not guessed at.
 *
 * - message: a person wrote it. `post` at the top level, `reply` in a thread (target: the thread's author);
 *   mentions and reactions on it are activities of their own. In a direct message or group DM: `chat`.
 * - huddle: a huddle (call) in the conversation: one `call` per participant (target: who started it), or
 *   `chat` in a direct message. Its `user` is Slackbot, so this is decided before the bot check.
 * - join: recorded as `join`, which is never activity (see libs/kpi activity-definition.ts). Reactions to it
 *   (welcomes) are people's reactions.
 * - bot: written by an app, integration or Slackbot: never a person's activity. People's reactions to it are.
 * - deleted: a thread root that was deleted (`tombstone`): skipped, its replies stay in their thread, whose
 *   author is then unknown (thread KPIs count it, without an author).
 * - system: a change to the conversation, not a message of a person (topic, rename, pins, archive, leave…):
 *   skipped.
 */
export type SlackSubtypeKind = 'message' | 'huddle' | 'join' | 'bot' | 'deleted' | 'system';

export const SLACK_SUBTYPES: Readonly<Record<string, SlackSubtypeKind>> = {
  // A plain message has no subtype.
  '': 'message',
  thread_broadcast: 'message',
  file_share: 'message',
  me_message: 'message',
  huddle_thread: 'huddle',
  channel_join: 'join',
  group_join: 'join',
  bot_message: 'bot',
  bot_add: 'bot',
  bot_remove: 'bot',
  bot_enable: 'bot',
  bot_disable: 'bot',
  slackbot_response: 'bot',
  tombstone: 'deleted',
  channel_leave: 'system',
  group_leave: 'system',
  channel_topic: 'system',
  group_topic: 'system',
  channel_purpose: 'system',
  group_purpose: 'system',
  channel_name: 'system',
  group_name: 'system',
  channel_archive: 'system',
  group_archive: 'system',
  channel_unarchive: 'system',
  group_unarchive: 'system',
  channel_convert_to_private: 'system',
  channel_convert_to_public: 'system',
  channel_posting_permissions: 'system',
  channel_canvas_updated: 'system',
  pinned_item: 'system',
  unpinned_item: 'system',
  file_comment: 'system',
  file_mention: 'system',
  sh_room_created: 'system',
  ekm_access_denied: 'system',
  reminder_add: 'system',
  message_changed: 'system',
  message_deleted: 'system',
  message_replied: 'system',
};

/** What a message's subtype makes of it; undefined for a subtype the table does not know. */
export function slackSubtypeKind(subtype: string | undefined): SlackSubtypeKind | undefined {
  return Object.hasOwn(SLACK_SUBTYPES, subtype ?? '') ? SLACK_SUBTYPES[subtype ?? ''] : undefined;
}

/** A subtype as it may appear in a warning code (the source's value, bounded). */
export function subtypeLabel(subtype: string): string {
  return /^[a-z0-9_]{1,40}$/.test(subtype) ? subtype : 'other';
}
