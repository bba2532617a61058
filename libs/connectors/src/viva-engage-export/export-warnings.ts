import type { RunWarning } from '@uptake/contracts';
import { MESSAGES_CSV, USERS_CSV } from './export-layout';

/** Distinct unknown sender types named in warnings; the rest are counted under one. */
export const MAX_NAMED_SENDER_TYPES = 20;

export function skippedEntryWarning(name: string, entries: number): RunWarning {
  return {
    code: 'viva-engage.skipped-entry',
    message:
      'Not read on purpose (Files.csv, Topics.csv, Admins.csv, Networks.csv, attachments and other parts of ' +
      'the export are no activity Uptake counts); the count is the number of files.',
    count: entries,
    file: name,
  };
}

export function identityFallbackWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.identity-fallback',
    message:
      'Users without an e-mail address in Users.csv or Messages.csv are identified by their Yammer user id ' +
      '(yammer:<id>): they cannot be matched with the directory or other sources.',
    count,
    file: USERS_CSV,
  };
}

export function deletedMessagesWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.deleted-messages',
    message:
      'Deleted messages are counted as the activity they were when written (at created_at), so that an ' +
      'export taken before or after the deletion gives the same figures.',
    count,
    file: MESSAGES_CSV,
  };
}

export function notAPersonWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.not-a-person',
    message: 'Messages sent by bots or the system are not anyone’s activity: skipped.',
    count,
    file: MESSAGES_CSV,
  };
}

export function unknownSenderTypeWarning(label: string, count: number): RunWarning {
  return {
    code: 'viva-engage.unknown-sender-type',
    message: `Messages of sender_type "${label}" are not a sender the connector knows (user, bot, system): skipped.`,
    count,
    file: MESSAGES_CSV,
  };
}

export function replyOutsideExportWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.reply-target-unknown',
    message:
      'Replies to messages that are not in this export (written before its start date) keep their thread ' +
      'but name no person replied to.',
    count,
    file: MESSAGES_CSV,
  };
}

export function unindexedWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.reply-index-full',
    message:
      'The export holds more messages than the connector indexes for reply targets: replies to the later ' +
      'ones name no person replied to. Export shorter periods (daily exports are what Microsoft recommends).',
    count,
    file: MESSAGES_CSV,
  };
}

export function guestsLeftOutWarning(count: number): RunWarning {
  return {
    code: 'viva-engage.guests-not-in-directory',
    message:
      'Guests (other organisations’ people) are not employees: left out of the directory; their messages ' +
      'are still activity.',
    count,
    file: USERS_CSV,
  };
}

/** A sender type as shown in a warning: short, letters, digits and a few signs only. */
export function senderTypeLabel(type: string): string {
  const label = type.replace(/[^a-z0-9_.-]/gi, '?').slice(0, 40);
  return label === '' ? '(empty)' : label;
}

export function exportBoundWarning(maxExports: number): RunWarning {
  return {
    code: 'viva-engage.export-bound-reached',
    message: `The sync downloaded its ${maxExports} exports (maxExportsPerRun); the next sync continues where it stopped.`,
    count: 1,
  };
}
