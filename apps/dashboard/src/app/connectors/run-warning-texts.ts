import type { RunWarning } from '@uptake/contracts';
import { formatCount } from '../shared/format';

/*
 * A sync run's warnings in the page's language. A warning has a stable `code` and an English `message`
 * (stored on the run as the connector wrote it). Each code's sentence is listed here with the English
 * template of the message it translates: `{{name}}` marks a figure or name the message quotes, taken out of
 * the message itself. A message that matches none of its code's templates (a connector that reworded it, a
 * code added since) is shown in the API's English, so a translation never says something the connector no
 * longer says.
 *
 * Why the figures come from the message and not from typed `params` sent beside it: warnings are stored
 * on every run by the connectors themselves, so typed params would leave every run stored so far English,
 * and reading the few figures back out of a fixed template gives the same result for old and new runs
 * without changing twelve connectors. A wrong guess cannot happen: a template is matched whole or not at all.
 */

type Values = Readonly<Record<string, string>>;

interface WarningTemplate {
  /** The connector's English message, `{{name}}` for each quoted figure or name (single braces are text). */
  english: string;
  render: (values: Values) => string;
}

/** Codes that end in a name of the source's own (`slack.unknown-subtype.<subtype>`): keyed by their prefix. */
const SUFFIXED_CODES = [
  'slack.unknown-subtype.',
  'ms-teams.unknown-message-type.',
  'viva-engage.unknown-message-type.',
] as const;

/** The warning's message in the page's language, or the API's English one (see above). */
export function runWarningMessage(warning: Pick<RunWarning, 'code' | 'message'>): string {
  const key = SUFFIXED_CODES.find((prefix) => warning.code.startsWith(prefix)) ?? warning.code;
  const templates = warningTemplates();
  if (!Object.hasOwn(templates, key)) return warning.message;
  for (const template of templates[key]) {
    const values = matchTemplate(template.english, warning.message);
    if (values) return template.render(values);
  }
  return warning.message;
}

/** The values of a template's `{{name}}` slots in `message`, or null when the message is not that template. */
export function matchTemplate(english: string, message: string): Values | null {
  const names: string[] = [];
  const pattern = english
    .split(/(\{\{[a-zA-Z]+\}\})/)
    .map((part) => {
      const slot = /^\{\{([a-zA-Z]+)\}\}$/.exec(part);
      if (!slot) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(slot[1]);
      return '(.+?)';
    })
    .join('');
  const found = new RegExp(`^${pattern}$`, 's').exec(message);
  if (!found) return null;
  return Object.fromEntries(names.map((name, index) => [name, found[index + 1]]));
}

/** A figure the connector printed in English ("5,000") in the page's format ("5.000"); text stays as it is. */
function figure(text: string): string {
  const value = Number(text.replaceAll(',', ''));
  return /^[\d,]+$/.test(text) && Number.isSafeInteger(value) ? formatCount(value) : text;
}

const one = (english: string, render: (values: Values) => string): WarningTemplate[] => [{ english, render }];

/** Every warning's templates by code (built on each call: $localize answers per locale). */
export function warningTemplates(): Readonly<Record<string, readonly WarningTemplate[]>> {
  return {
    // Every connector (libs/ingest)
    'nothing-read': one(
      'The input held no activity, usage or directory records: no figure changed.',
      () =>
        $localize`:@@runWarning.nothingRead:The input held no activity, usage or directory records: no figure changed.`,
    ),
    'warnings-truncated': one(
      'More kinds of warnings than a run keeps ({{max}}): the others are counted here.',
      (v) =>
        $localize`:@@runWarning.warningsTruncated:More kinds of warnings than a run keeps (${figure(v['max'])}:max:): the others are counted here.`,
    ),

    // Activity files (csv, webhook)
    'csv.rows-skipped': one(
      'Rows skipped on purpose: their type is mapped to "skip" (settings.columns.type); they are counted here, not stored and not quarantined.',
      () =>
        $localize`:@@runWarning.csv.rowsSkipped:Rows skipped on purpose: their type is mapped to "skip" (settings.columns.type); they are counted here, not stored and not quarantined.`,
    ),
    'csv.columns-ignored': [
      {
        english:
          'Columns the column mapping does not read were ignored on purpose (never stored): {{names}}.',
        render: (v) =>
          $localize`:@@runWarning.csv.columnsIgnored:Columns the column mapping does not read were ignored on purpose (never stored): ${v['names']}:names:.`,
      },
      {
        english: 'Keys the column mapping does not read were ignored on purpose (never stored): {{names}}.',
        render: (v) =>
          $localize`:@@runWarning.csv.keysIgnored:Keys the column mapping does not read were ignored on purpose (never stored): ${v['names']}:names:.`,
      },
    ],

    // Slack
    'slack.skipped-entry': [
      {
        english:
          'Not a conversation Uptake reads (canvases, lists, huddle transcripts, file comments, integration logs and other files are skipped on purpose); the count is the number of files.',
        render: () =>
          $localize`:@@runWarning.slack.skippedEntry:Not a conversation Uptake reads (canvases, lists, huddle transcripts, file comments, integration logs and other files are skipped on purpose); the count is the number of files.`,
      },
      {
        english:
          'Files beside the day files of private conversations (not named here) were skipped on purpose.',
        render: () =>
          $localize`:@@runWarning.slack.skippedPrivateEntry:Files beside the day files of private conversations (not named here) were skipped on purpose.`,
      },
    ],
    'slack.private-skipped': one(
      'Private channels, direct messages and group DMs were left out (includePrivate is off); the count is the number of conversations.',
      () =>
        $localize`:@@runWarning.slack.privateSkipped:Private channels, direct messages and group DMs were left out (includePrivate is off); the count is the number of conversations.`,
    ),
    'slack.unlisted-folder': one(
      'A folder of day files that no conversation list (channels.json, groups.json, dms.json, mpims.json) names: its messages were skipped.',
      () =>
        $localize`:@@runWarning.slack.unlistedFolder:A folder of day files that no conversation list (channels.json, groups.json, dms.json, mpims.json) names: its messages were skipped.`,
    ),
    'slack.identity-fallback': [
      {
        english:
          'No person in {{list}} has an e-mail address: everyone is identified by their Slack user id, so the directory and other sources cannot be joined to them by e-mail (adoption counts them as active but not eligible).',
        render: (v) =>
          $localize`:@@runWarning.slack.identityFallbackEveryone:No person in ${v['list']}:list: has an e-mail address: everyone is identified by their Slack user id, so the directory and other sources cannot be joined to them by e-mail (adoption counts them as active but not eligible).`,
      },
      {
        english:
          'Some people in {{list}} have no e-mail address: they are identified by their Slack user id and cannot be joined with the directory or other sources by e-mail.',
        render: (v) =>
          $localize`:@@runWarning.slack.identityFallbackSome:Some people in ${v['list']}:list: have no e-mail address: they are identified by their Slack user id and cannot be joined with the directory or other sources by e-mail.`,
      },
    ],
    'slack.unlisted-reactions': one(
      'Slack counted more reactions than it listed people for (it cuts long lists short): the unlisted ones are stored as reaction volume without a person. They count in reaction totals, never in anyone’s activity.',
      () =>
        $localize`:@@runWarning.slack.unlistedReactions:Slack counted more reactions than it listed people for (it cuts long lists short): the unlisted ones are stored as reaction volume without a person. They count in reaction totals, never in anyone’s activity.`,
    ),
    'slack.deleted-thread-root': one(
      'Threads whose first message was deleted: their replies are kept and counted in thread figures, without a thread author (so only in figures for the whole organisation).',
      () =>
        $localize`:@@runWarning.slack.deletedThreadRoot:Threads whose first message was deleted: their replies are kept and counted in thread figures, without a thread author (so only in figures for the whole organisation).`,
    ),
    'slack.unknown-subtype.': one(
      `Messages of subtype "{{label}}" are not in the connector's subtype table: skipped.`,
      (v) =>
        $localize`:@@runWarning.slack.unknownSubtype:Messages of subtype "${v['label']}:label:" are not in the connector's subtype table: skipped.`,
    ),

    // Microsoft Teams (Graph)
    'ms-teams.app-messages': one(
      'Messages posted by apps (bots, connectors, workflows: from.application) are not anyone’s activity and are not stored; people’s reactions to them are.',
      () =>
        $localize`:@@runWarning.msTeams.appMessages:Messages posted by apps (bots, connectors, workflows: from.application) are not anyone’s activity and are not stored; people’s reactions to them are.`,
    ),
    'ms-teams.reactions-cut': one(
      'Reactions beyond {{max}} on one message are not read.',
      (v) =>
        $localize`:@@runWarning.msTeams.reactionsCut:Reactions beyond ${figure(v['max'])}:max: on one message are not read.`,
    ),
    'ms-teams.deleted-thread-root': one(
      'Threads whose first message was deleted: their replies are kept and counted in thread figures, without a thread author (so only in figures for the whole organisation).',
      () =>
        $localize`:@@runWarning.msTeams.deletedThreadRoot:Threads whose first message was deleted: their replies are kept and counted in thread figures, without a thread author (so only in figures for the whole organisation).`,
    ),
    'ms-teams.identity-fallback': one(
      'People Microsoft Graph does not know as users of the tenant (deleted since, or guests of a shared channel from another organisation) are identified by their Entra object id: they match no directory entry and no usage report.',
      () =>
        $localize`:@@runWarning.msTeams.identityFallback:People Microsoft Graph does not know as users of the tenant (deleted since, or guests of a shared channel from another organisation) are identified by their Entra object id: they match no directory entry and no usage report.`,
    ),
    'ms-teams.members-not-listed': one(
      'Teams or channels with more than {{max}} members (maxMembersPerGroup) are stored without members.',
      (v) =>
        $localize`:@@runWarning.msTeams.membersNotListed:Teams or channels with more than ${figure(v['max'])}:max: members (maxMembersPerGroup) are stored without members.`,
    ),
    'ms-teams.page-limit': one(
      'The run read {{max}} pages of messages (maxPagesPerRun) and stopped: the next run continues from there.',
      (v) =>
        $localize`:@@runWarning.msTeams.pageLimit:The run read ${figure(v['max'])}:max: pages of messages (maxPagesPerRun) and stopped: the next run continues from there.`,
    ),
    'ms-teams.delta-restarted': one(
      'Microsoft Graph no longer accepted a channel’s stored delta link (expired): the channel was read again from its first message Graph keeps; messages stored before are counted as duplicates.',
      () =>
        $localize`:@@runWarning.msTeams.deltaRestarted:Microsoft Graph no longer accepted a channel’s stored delta link (expired): the channel was read again from its first message Graph keeps; messages stored before are counted as duplicates.`,
    ),
    'ms-teams.replies-cut': one(
      'Threads with more than {{max}} replies (maxRepliesPerMessage): only the first {{first}} are read.',
      (v) =>
        $localize`:@@runWarning.msTeams.repliesCut:Threads with more than ${figure(v['max'])}:max: replies (maxRepliesPerMessage): only the first ${figure(v['first'])}:first: are read.`,
    ),
    'ms-teams.chats-permission-missing': one(
      'Microsoft Graph denied the chats (GET /users/{id}/chats/getAllMessages): the app registration is missing the application permission Chat.Read.All (with admin consent, and Microsoft’s approval of protected Teams APIs). Channel messages were read; chats were not.',
      () =>
        $localize`:@@runWarning.msTeams.chatsPermissionMissing:Microsoft Graph denied the chats (GET /users/{id}/chats/getAllMessages): the app registration is missing the application permission Chat.Read.All (with admin consent, and Microsoft’s approval of protected Teams APIs). Channel messages were read; chats were not.`,
    ),
    'ms-teams.chats-payment-required': one(
      'Microsoft Graph refused the chats with 402 Payment Required for payment model "{{model}}" (chatsModel): set up billing of metered Microsoft 365 APIs for the app, or choose another model. Channel messages were read; chats were not.',
      (v) =>
        $localize`:@@runWarning.msTeams.chatsPaymentRequired:Microsoft Graph refused the chats with 402 Payment Required for payment model "${v['model']}:model:" (chatsModel): set up billing of metered Microsoft 365 APIs for the app, or choose another model. Channel messages were read; chats were not.`,
    ),
    'ms-teams.unknown-message-type.': one(
      `Messages of messageType "{{label}}" are not in the connector's table of message types: skipped.`,
      (v) =>
        $localize`:@@runWarning.msTeams.unknownMessageType:Messages of messageType "${v['label']}:label:" are not in the connector's table of message types: skipped.`,
    ),

    // Microsoft Teams export
    'ms-teams-export.skipped-entries': one(
      'Entries of the zip that are no .json file (attachments, notes) were not read.',
      () =>
        $localize`:@@runWarning.msTeamsExport.skippedEntries:Entries of the zip that are no .json file (attachments, notes) were not read.`,
    ),
    'ms-teams-export.identity-fallback': one(
      'People the upload’s users.json does not list (or every person, without one) are identified by their Entra object id: they match no directory entry and no usage report. Add users.json to the zip (GET /users?$select=id,userPrincipalName,mail).',
      () =>
        $localize`:@@runWarning.msTeamsExport.identityFallback:People the upload’s users.json does not list (or every person, without one) are identified by their Entra object id: they match no directory entry and no usage report. Add users.json to the zip (GET /users?$select=id,userPrincipalName,mail).`,
    ),
    'ms-teams-export.index-full': one(
      'The upload holds more threads, channels or chats than one read indexes: replies beyond are kept without a target, and some channels or chats are stored without a group. Upload it in parts.',
      () =>
        $localize`:@@runWarning.msTeamsExport.indexFull:The upload holds more threads, channels or chats than one read indexes: replies beyond are kept without a target, and some channels or chats are stored without a group. Upload it in parts.`,
    ),
    'ms-teams-export.users-unreadable': one(
      'Entries of users.json without an id, or with neither userPrincipalName nor mail, were skipped.',
      () =>
        $localize`:@@runWarning.msTeamsExport.usersUnreadable:Entries of users.json without an id, or with neither userPrincipalName nor mail, were skipped.`,
    ),
    'ms-teams-export.users-cut': one(
      'users.json lists more users than one read keeps: the others are identified by their object id.',
      () =>
        $localize`:@@runWarning.msTeamsExport.usersCut:users.json lists more users than one read keeps: the others are identified by their object id.`,
    ),
    'ms-teams-export.root-not-in-upload': one(
      'Replies whose thread root is not in the upload (an export of a period): they keep their thread, without a target.',
      () =>
        $localize`:@@runWarning.msTeamsExport.rootNotInUpload:Replies whose thread root is not in the upload (an export of a period): they keep their thread, without a target.`,
    ),
    'ms-teams-export.file-cut': one(
      'Files with more than {{max}} messages (maxMessagesPerFile): the rest of each was not read.',
      (v) =>
        $localize`:@@runWarning.msTeamsExport.fileCut:Files with more than ${figure(v['max'])}:max: messages (maxMessagesPerFile): the rest of each was not read.`,
    ),

    // Viva Engage (API and export)
    'viva-engage.skipped-entry': one(
      'Not read on purpose (Files.csv, Topics.csv, Admins.csv, Networks.csv, attachments and other parts of the export are no activity Uptake counts); the count is the number of files.',
      () =>
        $localize`:@@runWarning.vivaEngage.skippedEntry:Not read on purpose (Files.csv, Topics.csv, Admins.csv, Networks.csv, attachments and other parts of the export are no activity Uptake counts); the count is the number of files.`,
    ),
    'viva-engage.identity-fallback': [
      {
        english:
          'Users without an e-mail address in Users.csv or Messages.csv are identified by their Yammer user id (yammer:<id>): they cannot be matched with the directory or other sources.',
        render: () =>
          $localize`:@@runWarning.vivaEngage.identityFallbackExport:Users without an e-mail address in Users.csv or Messages.csv are identified by their Yammer user id (yammer:<id>): they cannot be matched with the directory or other sources.`,
      },
      {
        english:
          'Activities by people Yammer gives no e-mail address for (guests, deleted users): identified by their Yammer id (yammer:<id>), so they match nobody in the directory or other sources.',
        render: () =>
          $localize`:@@runWarning.vivaEngage.identityFallbackApi:Activities by people Yammer gives no e-mail address for (guests, deleted users): identified by their Yammer id (yammer:<id>), so they match nobody in the directory or other sources.`,
      },
    ],
    'viva-engage.deleted-messages': one(
      'Deleted messages are counted as the activity they were when written (at created_at), so that an export taken before or after the deletion gives the same figures.',
      () =>
        $localize`:@@runWarning.vivaEngage.deletedMessages:Deleted messages are counted as the activity they were when written (at created_at), so that an export taken before or after the deletion gives the same figures.`,
    ),
    'viva-engage.not-a-person': one(
      'Messages sent by bots or the system are not anyone’s activity: skipped.',
      () =>
        $localize`:@@runWarning.vivaEngage.notAPerson:Messages sent by bots or the system are not anyone’s activity: skipped.`,
    ),
    'viva-engage.unknown-sender-type': one(
      'Messages of sender_type "{{label}}" are not a sender the connector knows (user, bot, system): skipped.',
      (v) =>
        $localize`:@@runWarning.vivaEngage.unknownSenderType:Messages of sender_type "${v['label']}:label:" are not a sender the connector knows (user, bot, system): skipped.`,
    ),
    'viva-engage.reply-target-unknown': one(
      'Replies to messages that are not in this export (written before its start date) keep their thread but name no person replied to.',
      () =>
        $localize`:@@runWarning.vivaEngage.replyTargetUnknown:Replies to messages that are not in this export (written before its start date) keep their thread but name no person replied to.`,
    ),
    'viva-engage.reply-index-full': one(
      'The export holds more messages than the connector indexes for reply targets: replies to the later ones name no person replied to. Export shorter periods (daily exports are what Microsoft recommends).',
      () =>
        $localize`:@@runWarning.vivaEngage.replyIndexFull:The export holds more messages than the connector indexes for reply targets: replies to the later ones name no person replied to. Export shorter periods (daily exports are what Microsoft recommends).`,
    ),
    'viva-engage.guests-not-in-directory': one(
      'Guests (other organisations’ people) are not employees: left out of the directory; their messages are still activity.',
      () =>
        $localize`:@@runWarning.vivaEngage.guestsNotInDirectory:Guests (other organisations’ people) are not employees: left out of the directory; their messages are still activity.`,
    ),
    'viva-engage.export-bound-reached': one(
      'The sync downloaded its {{max}} exports (maxExportsPerRun); the next sync continues where it stopped.',
      (v) =>
        $localize`:@@runWarning.vivaEngage.exportBoundReached:The sync downloaded its ${figure(v['max'])}:max: exports (maxExportsPerRun); the next sync continues where it stopped.`,
    ),
    'viva-engage.memberships-bound': one(
      'The export names more than {{max}} person-community pairs: memberships beyond are not inferred (the count is of the participations left out). Export shorter periods.',
      (v) =>
        $localize`:@@runWarning.vivaEngage.membershipsBound:The export names more than ${figure(v['max'])}:max: person-community pairs: memberships beyond are not inferred (the count is of the participations left out). Export shorter periods.`,
    ),
    'viva-engage.unknown-user-referenced': one(
      'Mentions (user references in a message body) and participants of people the export does not describe (no Users.csv row and no message of theirs) are left out, so that nobody gets a second pseudonym besides their address.',
      () =>
        $localize`:@@runWarning.vivaEngage.unknownUserReferenced:Mentions (user references in a message body) and participants of people the export does not describe (no Users.csv row and no message of theirs) are left out, so that nobody gets a second pseudonym besides their address.`,
    ),
    'viva-engage.page-bound-reached': one(
      'The run read its {{max}} pages (maxPagesPerRun); the next run continues where it stopped.',
      (v) =>
        $localize`:@@runWarning.vivaEngage.pageBoundReached:The run read its ${figure(v['max'])}:max: pages (maxPagesPerRun); the next run continues where it stopped.`,
    ),
    'viva-engage.members-not-read': one(
      'Communities whose members could not be read whole (over {{max}} members, or not visible to the token): stored without a member list; memberships read before are kept.',
      (v) =>
        $localize`:@@runWarning.vivaEngage.membersNotRead:Communities whose members could not be read whole (over ${figure(v['max'])}:max: members, or not visible to the token): stored without a member list; memberships read before are kept.`,
    ),
    'viva-engage.unlisted-likes': one(
      'Yammer counted more likes than it listed people for (liked_by lists only the first few): the others are stored as reaction volume without a person. They count in reaction totals, never in anyone’s activity.',
      () =>
        $localize`:@@runWarning.vivaEngage.unlistedLikes:Yammer counted more likes than it listed people for (liked_by lists only the first few): the others are stored as reaction volume without a person. They count in reaction totals, never in anyone’s activity.`,
    ),
    'viva-engage.reply-to-missing-message': one(
      'Replies to a message that is not readable (deleted, or outside what the token sees): kept in their thread, aimed at no one.',
      () =>
        $localize`:@@runWarning.vivaEngage.replyToMissingMessage:Replies to a message that is not readable (deleted, or outside what the token sees): kept in their thread, aimed at no one.`,
    ),
    'viva-engage.unknown-message-type.': one(
      `Messages of message_type "{{label}}" are not in the connector's type table: skipped.`,
      (v) =>
        $localize`:@@runWarning.vivaEngage.unknownMessageType:Messages of message_type "${v['label']}:label:" are not in the connector's type table: skipped.`,
    ),

    // Microsoft 365 usage reports
    'json-report-page': one(
      'The JSON report is one page of a longer one (it has an @odata.nextLink): the rows of the next pages are not in this file. Upload every page, or the CSV report, which holds all rows.',
      () =>
        $localize`:@@runWarning.graphReports.jsonReportPage:The JSON report is one page of a longer one (it has an @odata.nextLink): the rows of the next pages are not in this file. Upload every page, or the CSV report, which holds all rows.`,
    ),
    'concealed-names': one(
      'Rows naming their user (or community) by a concealed value were skipped: a concealed name matches no directory entry and no other source, so it would count the same person twice. Uptake replaces names with its own keyed hash on arrival and never stores them. Turn off "Display concealed user, group, and site names" in the Microsoft 365 admin center and read the report again.',
      () =>
        $localize`:@@runWarning.graphReports.concealedNames:Rows naming their user (or community) by a concealed value were skipped: a concealed name matches no directory entry and no other source, so it would count the same person twice. Uptake replaces names with its own keyed hash on arrival and never stores them. Turn off "Display concealed user, group, and site names" in the Microsoft 365 admin center and read the report again.`,
    ),
    'older-teams-header': one(
      "The Teams report has the older header (no 'Post Messages' / 'Reply Messages'): its channel messages (Team Chat Message Count) are counted as replies, since posts and replies cannot be told apart, and meetings attended are not known. A newer export of the same days replaces these counts.",
      () =>
        $localize`:@@runWarning.graphReports.olderTeamsHeader:The Teams report has the older header (no 'Post Messages' / 'Reply Messages'): its channel messages (Team Chat Message Count) are counted as replies, since posts and replies cannot be told apart, and meetings attended are not known. A newer export of the same days replaces these counts.`,
    ),

    // Microsoft Entra ID directory
    'disabled-accounts': one(
      'Disabled accounts (accountEnabled false: people who left, shared and service accounts) are not in the directory: they are not counted as people who could adopt.',
      () =>
        $localize`:@@runWarning.entraId.disabledAccounts:Disabled accounts (accountEnabled false: people who left, shared and service accounts) are not in the directory: they are not counted as people who could adopt.`,
    ),
    'guest-accounts': one(
      "Guests (#EXT# in the user principal name: other organisations' people) are not in the directory.",
      () =>
        $localize`:@@runWarning.entraId.guestAccounts:Guests (#EXT# in the user principal name: other organisations' people) are not in the directory.`,
    ),
    'mail-missing': one(
      'Users without a mail address are keyed by their user principal name instead (identity: mail): they match sources that name them by UPN, such as the Microsoft 365 usage reports, not by e-mail.',
      () =>
        $localize`:@@runWarning.entraId.mailMissing:Users without a mail address are keyed by their user principal name instead (identity: mail): they match sources that name them by UPN, such as the Microsoft 365 usage reports, not by e-mail.`,
    ),
  };
}
