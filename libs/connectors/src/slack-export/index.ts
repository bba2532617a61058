import { defineConnector, type ConnectorMessage, type ReadContext } from '@uptake/connector-sdk';
import type { Entry } from 'yauzl';
import { z } from 'zod';
import {
  mapSlackMessage,
  readSlackChannel,
  slackChannelGroup,
  slackIdentitySchema,
  SlackPeople,
  type SlackChannel,
} from '../slack';
import {
  compareDayFiles,
  planExport,
  readExportActivityState,
  type ExportActivityState,
} from './export-layout';
import { ZipArchive } from './zip-archive';

const slackExportSettings = z.strictObject({
  identity: slackIdentitySchema,
  /** Read private channels (groups.json) too; they are in the export only on some plans. */
  includePrivate: z.boolean().default(true),
});
export type SlackExportSettings = z.infer<typeof slackExportSettings>;

/** A day file larger than this is reported and skipped: it is read whole, so it bounds memory. */
const MAX_DAY_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A Slack workspace export (the zip an admin downloads): users.json maps user ids to e-mail
 * addresses, channels.json (and groups.json for private channels) lists channels with members, and
 * `<channel>/<YYYY-MM-DD>.json` holds each day's messages. The zip is read entry by entry, so memory
 * is bounded by the largest day file. Checkpoints after each day file.
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
    const archive = await ZipArchive.open(file.path, file.name);
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
  const layout = planExport(archive.entries, fileName);
  const readRootList = async (entry: Entry | null, name: string): Promise<unknown[]> => {
    if (!entry) return [];
    const parsed = parseJson(await archive.read(entry));
    if (parsed instanceof Error) throw new Error(`${fileName}: ${name} is not valid JSON: ${parsed.message}`);
    if (!Array.isArray(parsed)) throw new Error(`${fileName}: ${name} is not a JSON list`);
    return parsed;
  };

  if (!layout.users) {
    throw new Error(`${fileName} is not a complete Slack export: users.json (user ids -> e-mail) is missing`);
  }
  const people = new SlackPeople(context.settings.identity);
  for (const user of await readRootList(layout.users, 'users.json')) people.add(user);

  // Channels by folder name: day files are filed under the channel's name, activities under its id.
  const channelsByFolder = new Map<string, SlackChannel>();
  const lists: [Entry | null, string, boolean][] = [[layout.channels, 'channels.json', false]];
  if (context.settings.includePrivate) lists.push([layout.groups, 'groups.json', true]);
  for (const [entry, name, isPrivate] of lists) {
    const channels = await readRootList(entry, name);
    for (const [index, raw] of channels.entries()) {
      const channel = readSlackChannel(raw, isPrivate);
      if (!channel) {
        yield invalidEntry(name, index + 1, 'id', 'channel has no id');
        continue;
      }
      channelsByFolder.set(channel.name, channel);
      const members = (raw as { members?: unknown }).members;
      yield {
        kind: 'group',
        record: slackChannelGroup(channel, Array.isArray(members) ? members : null, people),
      };
    }
  }
  yield { kind: 'checkpoint', stream: 'groups', state: { channels: channelsByFolder.size } };

  const resumeAfter = readExportActivityState(context.state.activity);
  const skippedFolders = new Set<string>();
  let bytesDone = 0;
  for (const dayFile of layout.dayFiles) {
    if (context.signal.aborted) return;
    bytesDone += dayFile.entry.compressedSize;
    if (resumeAfter && compareDayFiles(dayFile, resumeAfter) <= 0) continue;
    const channel = channelsByFolder.get(dayFile.channelFolder);
    if (!channel) {
      // Direct messages, or private channels when includePrivate is off: not listed, not read.
      if (!skippedFolders.has(dayFile.channelFolder)) {
        skippedFolders.add(dayFile.channelFolder);
        context.log.info(`${fileName}: skipping folder ${dayFile.channelFolder} (not a listed channel)`);
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

/** The day's messages, or the problem that makes the whole day file unreadable. */
async function readDayFile(
  archive: ZipArchive,
  entry: Entry,
  path: string,
): Promise<unknown[] | Extract<ConnectorMessage, { kind: 'invalid' }>> {
  if (entry.uncompressedSize > MAX_DAY_FILE_BYTES) {
    return invalidEntry(
      path,
      undefined,
      undefined,
      `day file is larger than ${MAX_DAY_FILE_BYTES / 2 ** 20} MB`,
    );
  }
  let content: Buffer;
  try {
    content = await archive.read(entry);
  } catch (error) {
    return invalidEntry(path, undefined, undefined, `cannot be unzipped: ${(error as Error).message}`);
  }
  const parsed = parseJson(content);
  if (parsed instanceof Error)
    return invalidEntry(path, undefined, undefined, `not valid JSON: ${parsed.message}`);
  if (!Array.isArray(parsed)) return invalidEntry(path, undefined, undefined, 'not a JSON list of messages');
  return parsed;
}

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
