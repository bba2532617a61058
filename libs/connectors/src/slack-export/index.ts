import { defineConnector, InputError, type ConnectorMessage, type ReadContext } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { Entry } from 'yauzl';
import { z } from 'zod';
import {
  mapSlackMessage,
  readSlackChannel,
  slackChannelGroup,
  slackIdentitySchema,
  SlackPeople,
  type SlackChannel,
  type SlackConversationKind,
} from '../shared/slack';
import {
  compareDayFiles,
  planExport,
  resumeExportActivity,
  type DayFile,
  type ExportActivityState,
  type ExportLayout,
} from './export-layout';
import { ZipArchive } from '../shared/zip/zip-archive';
import { SLACK_EXPORT_ZIP } from './zip-limits';

const slackExportSettings = z.strictObject({
  identity: slackIdentitySchema,
  /**
   * Read private channels (groups.json), direct messages (dms.json) and group DMs (mpims.json) too, when the
   * export has them (Business+ and Enterprise Grid). Their names are never stored.
   */
  includePrivate: z.boolean().default(true),
});
export type SlackExportSettings = z.infer<typeof slackExportSettings>;

/** The conversation lists of an export: which list, what its entries are. */
const CONVERSATION_LISTS: { list: 'channels' | 'groups' | 'dms' | 'mpims'; kind: SlackConversationKind }[] = [
  { list: 'channels', kind: 'channel' },
  { list: 'groups', kind: 'private-channel' },
  { list: 'dms', kind: 'direct' },
  { list: 'mpims', kind: 'direct' },
];

/**
 * A Slack workspace export (the zip an admin downloads): users.json maps user ids to e-mail addresses,
 * channels.json lists public channels with members, groups.json private channels, dms.json and mpims.json
 * direct messages and group DMs (Business+ and Enterprise Grid exports), and `<folder>/<YYYY-MM-DD>.json` holds
 * each day's messages (folders are named after the channel or group DM, a direct message's after its id).
 * Everything else (canvases, lists, huddle transcripts, integration logs) is skipped on purpose and listed in
 * the run's warnings. The zip is read entry by entry, each capped at MAX_ENTRY_BYTES as it inflates (a day file
 * over it is quarantined and skipped; a list over it fails the run), so memory is bounded whatever the zip
 * holds. Checkpoints after each day file.
 */
export const slackExportConnector = defineConnector({
  type: 'slack-export',
  title: 'Slack workspace export (zip)',
  input: 'file',
  fileExtensions: ['.zip'],
  settingsSchema: slackExportSettings,
  credentialsSchema: z.strictObject({}),
  streams: ['groups', 'activity'],
  async *read(context): AsyncGenerator<ConnectorMessage> {
    const file = context.file;
    if (!file) throw new Error('the slack-export connector reads an uploaded zip, and none was given');
    let archive: ZipArchive;
    try {
      archive = await ZipArchive.open(file.path, file.name, SLACK_EXPORT_ZIP);
    } catch (error) {
      throw new InputError((error as Error).message, { cause: error });
    }
    try {
      yield* readExport(archive, file.name, file.size, context);
    } finally {
      archive.close();
    }
  },
});

async function* readExport(
  archive: ZipArchive,
  fileName: string,
  fileSize: number,
  context: ReadContext<SlackExportSettings, unknown>,
): AsyncGenerator<ConnectorMessage> {
  let layout: ExportLayout<Entry>;
  try {
    layout = planExport(archive.entries, fileName);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const readRootList = async (entry: Entry | null, name: string): Promise<unknown[]> => {
    if (!entry) return [];
    let content: Buffer;
    try {
      content = await archive.read(entry);
    } catch (error) {
      throw new InputError(`${fileName}: ${(error as Error).message}`);
    }
    const parsed = parseJson(content);
    if (parsed instanceof Error) {
      throw new InputError(`${fileName}: ${name} is not valid JSON: ${parsed.message}`);
    }
    if (!Array.isArray(parsed)) throw new InputError(`${fileName}: ${name} is not a JSON list`);
    return parsed;
  };

  if (!layout.users) {
    throw new InputError(
      `${fileName} is not a complete Slack export: users.json (user ids -> e-mail) is missing`,
    );
  }
  const people = new SlackPeople(context.settings.identity);
  for (const [index, user] of (await readRootList(layout.users, 'users.json')).entries()) {
    // A user whose id or address is not readable is left out (their messages keep the bare user id),
    // so bytes decoded to U+FFFD can never make two people one.
    const problem = people.add(user);
    if (problem) yield invalidEntry('users.json', index + 1, problem.field, problem.reason);
  }
  const identityWarning = people.identityWarning('users.json');
  if (identityWarning) yield { kind: 'warning', warning: identityWarning };

  // Conversations by folder name: day files are filed under the channel's or group DM's name (a direct
  // message's id), activities under the conversation's id.
  const byFolder = new Map<string, SlackChannel>();
  const privateFolders = new Set<string>();
  let privateSkipped = 0;
  for (const { list, kind } of CONVERSATION_LISTS) {
    const name = `${list}.json`;
    const entries = await readRootList(layout[list], name);
    for (const [index, raw] of entries.entries()) {
      const channel = readSlackChannel(raw, kind);
      if (!channel) {
        yield invalidEntry(name, index + 1, 'id', 'conversation has no id');
        continue;
      }
      const folder = channel.kind === 'direct' && list === 'dms' ? channel.id : channel.name;
      if (channel.isPrivate) privateFolders.add(folder);
      if (channel.isPrivate && !context.settings.includePrivate) {
        privateSkipped++;
        continue;
      }
      byFolder.set(folder, channel);
      const members = (raw as { members?: unknown }).members;
      yield {
        kind: 'group',
        record: slackChannelGroup(channel, Array.isArray(members) ? members : null, people),
      };
    }
  }
  for (const warning of skippedWarnings(layout, privateFolders, privateSkipped)) {
    yield { kind: 'warning', warning };
  }
  yield { kind: 'checkpoint', stream: 'groups', state: { channels: byFolder.size } };

  const resumeAfter = resumeExportActivity(context.state.activity);
  const unlisted = new Set<string>();
  let bytesDone = 0;
  for (const dayFile of storableDayFiles(layout, byFolder)) {
    if (context.signal.aborted) return;
    bytesDone += dayFile.entry.compressedSize;
    if (resumeAfter && compareDayFiles(dayFile, resumeAfter) <= 0) continue;
    const channel = byFolder.get(dayFile.folderName);
    if (!channel) {
      // A private conversation left out by the settings (counted above), or a folder no list names.
      if (!privateFolders.has(dayFile.folderName) && !unlisted.has(dayFile.folderName)) {
        unlisted.add(dayFile.folderName);
        yield { kind: 'warning', warning: unlistedFolder(dayFile.folderName) };
      }
      continue;
    }

    const messages = await readDayFile(archive, dayFile.entry, dayFile.path);
    if (!Array.isArray(messages)) {
      yield messages;
    } else {
      for (const [index, message] of messages.entries()) {
        if (context.signal.aborted) return;
        yield* mapSlackMessage(message, {
          channelId: channel.id,
          conversation: channel.kind === 'direct' ? 'private' : 'channel',
          people,
          location: { file: dayFile.path, line: index + 1 },
        });
      }
    }
    const state = { lastDayFile: dayFile.path } satisfies ExportActivityState;
    yield { kind: 'checkpoint', stream: 'activity', state };
    context.progress(bytesDone, fileSize);
  }
  context.progress(fileSize, fileSize);
}

/**
 * The day files in reading order, named for storing: a private conversation's folder bears its name (a group
 * DM's names its members), so its day files go by the conversation's id in problem locations and checkpoints,
 * which are stored. The order follows those names, so a checkpoint compares the same way on every read.
 */
function storableDayFiles(
  layout: ExportLayout<Entry>,
  byFolder: ReadonlyMap<string, SlackChannel>,
): (DayFile<Entry> & { folderName: string })[] {
  return layout.dayFiles
    .map((file) => {
      const channel = byFolder.get(file.channelFolder);
      const folder = channel?.isPrivate ? channel.id : file.channelFolder;
      return {
        ...file,
        folderName: file.channelFolder,
        channelFolder: folder,
        path: `${folder}/${file.day}.json`,
      };
    })
    .sort(compareDayFiles);
}

/**
 * Entries skipped on purpose, by top-level name. Names that are private conversations' (a file beside their
 * day files) are not repeated: they are counted in one warning without names, like the private conversations
 * the settings leave out.
 */
function skippedWarnings(
  layout: ExportLayout<Entry>,
  privateFolders: ReadonlySet<string>,
  privateSkipped: number,
): RunWarning[] {
  const warnings: RunWarning[] = [];
  let privateEntries = 0;
  for (const { name, entries } of layout.skipped) {
    if (privateFolders.has(name.replace(/\/$/, '')) || isGroupDmFolder(name)) {
      privateEntries += entries;
      continue;
    }
    warnings.push({
      code: 'slack.skipped-entry',
      message:
        'Not a conversation Uptake reads (canvases, lists, huddle transcripts, file comments, integration ' +
        'logs and other files are skipped on purpose); the count is the number of files.',
      count: entries,
      file: name,
    });
  }
  if (privateEntries > 0) {
    warnings.push({
      code: 'slack.skipped-entry',
      message:
        'Files beside the day files of private conversations (not named here) were skipped on purpose.',
      count: privateEntries,
    });
  }
  if (privateSkipped > 0) {
    warnings.push({
      code: 'slack.private-skipped',
      message:
        'Private channels, direct messages and group DMs were left out (includePrivate is off); the count is ' +
        'the number of conversations.',
      count: privateSkipped,
    });
  }
  return warnings;
}

function unlistedFolder(folder: string): RunWarning {
  const named = !isGroupDmFolder(folder);
  return {
    code: 'slack.unlisted-folder',
    message:
      'A folder of day files that no conversation list (channels.json, groups.json, dms.json, mpims.json) ' +
      'names: its messages were skipped.',
    count: 1,
    ...(named ? { file: `${folder}/` } : {}),
  };
}

/** Slack names group DM folders after their members ("mpdm-ann--bob-1"): such names are never repeated. */
function isGroupDmFolder(name: string): boolean {
  return name.startsWith('mpdm-');
}

/** The day's messages, or the problem that makes the whole day file unreadable. */
async function readDayFile(
  archive: ZipArchive,
  entry: Entry,
  path: string,
): Promise<unknown[] | Extract<ConnectorMessage, { kind: 'invalid' }>> {
  let content: Buffer;
  try {
    content = await archive.read(entry);
  } catch (error) {
    return invalidEntry(path, undefined, undefined, (error as Error).message);
  }
  const parsed = parseJson(content);
  if (parsed instanceof Error)
    return invalidEntry(path, undefined, undefined, `not valid JSON: ${parsed.message}`);
  if (!Array.isArray(parsed)) return invalidEntry(path, undefined, undefined, 'not a JSON list of messages');
  return parsed;
}

/**
 * An entry is parsed whole: when it is not valid UTF-8 the bad bytes become U+FFFD, and identity keys
 * holding one are refused (SlackPeople here, the record schemas in the pipeline) rather than merged.
 */
function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function invalidEntry(
  file: string,
  line: number | undefined,
  field: string | undefined,
  reason: string,
): Extract<ConnectorMessage, { kind: 'invalid' }> {
  return {
    kind: 'invalid',
    problem: {
      location: { file, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }) },
      reason,
    },
  };
}
