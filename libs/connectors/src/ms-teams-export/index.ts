import {
  defineConnector,
  InputError,
  resumeLine,
  type Connector,
  type ConnectorMessage,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { z } from 'zod';
import { channelGroup, chatGroup } from '../ms-teams/teams-groups';
import { DELETED_THREAD_ROOT, mapTeamsMessage, type TeamsMessageContext } from '../ms-teams/teams-message';
import {
  DEFAULT_EXPORT_LIMITS,
  fileElements,
  openExport,
  type ExportContents,
  type ExportFile,
  type ExportLimits,
} from './export-files';
import { ExportIndex, ExportPeople, messagePlace } from './export-index';

const TYPE = 'ms-teams-export';
/** Messages between two activity checkpoints. */
const CHECKPOINT_EVERY = 500;
/** A whole upload (a .json file or a .zip): refused above this before anything is read. */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

export const msTeamsExportSettings = z.strictObject({
  /** As in the ms-teams connector and the tenant's entra-id-directory source: people must key alike. */
  identity: z
    .enum(['userPrincipalName', 'mail'])
    .default('userPrincipalName')
    .describe('User property people are keyed by (lower-cased), from the upload’s users.json'),
  /** Messages read per file; the rest of a longer file is skipped with a warning. */
  maxMessagesPerFile: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(1_000_000)
    .describe('Messages read per file of the upload (the rest is skipped, with a warning)'),
});
export type MsTeamsExportSettings = z.infer<typeof msTeamsExportSettings>;

export interface MsTeamsExportOptions {
  limits?: Partial<ExportLimits>;
  /** Only tests pass a smaller one, to show resuming on small fixtures. */
  checkpointEvery?: number;
}

/**
 * Builds the Teams export upload connector. Only tests pass smaller limits or a smaller checkpointEvery;
 * `msTeamsExportConnector` is the one the registry runs.
 */
export function createMsTeamsExportConnector(
  options: MsTeamsExportOptions = {},
): Connector<MsTeamsExportSettings, Record<string, never>> {
  const limits = { ...DEFAULT_EXPORT_LIMITS, ...options.limits };
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
  return defineConnector({
    type: TYPE,
    title: 'Microsoft Teams export (Graph chatMessage JSON, .json or .zip)',
    input: 'file',
    fileExtensions: ['.json', '.zip'],
    settingsSchema: msTeamsExportSettings,
    credentialsSchema: z.strictObject({}),
    streams: ['groups', 'activity'],
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (!file) throw new InputError('ms-teams-export reads an uploaded file: none was given');
      // A stored checkpoint of the wrong shape fails before anything is read.
      const resumeAfter = resumeLine(TYPE, 'activity', context.state.activity);
      if (file.size > MAX_UPLOAD_BYTES) {
        throw new InputError(
          `${file.name} is ${(file.size / 1024 ** 3).toFixed(1)} GB, more than the ${MAX_UPLOAD_BYTES / 1024 ** 3} GB ` +
            'an upload may be: upload the export in several parts',
        );
      }
      const contents = await openExport(file, limits);
      try {
        yield* new ExportRead(
          contents,
          context.settings,
          limits,
          checkpointEvery,
          resumeAfter,
          context.signal,
        ).read();
      } finally {
        contents.close();
      }
    },
  });
}

/**
 * A Microsoft Teams export upload: Graph `chatMessage` objects as the Teams Export APIs return them
 * (`/teams/getAllMessages`, `/chats/getAllMessages`, `/users/{id}/chats/getAllMessages`), in a `.json` file (an
 * array, or one Graph page `{ "value": [...] }`) or a `.zip` of such files with an optional `users.json`.
 * Mapped by the ms-teams connector's own message mapping (teams-message.ts), so an upload and the API read
 * agree message for message.
 */
export const msTeamsExportConnector = createMsTeamsExportConnector();

/** One read of an upload: the user list, a first pass (the index), the groups, then the messages. */
class ExportRead {
  private readonly people: ExportPeople;
  private readonly index: ExportIndex;

  constructor(
    private readonly contents: ExportContents,
    private readonly settings: MsTeamsExportSettings,
    private readonly limits: ExportLimits,
    private readonly checkpointEvery: number,
    private readonly resumeAfter: number,
    private readonly signal: AbortSignal,
  ) {
    this.people = new ExportPeople(settings.identity);
    this.index = new ExportIndex(this.people);
  }

  async *read(): AsyncGenerator<ConnectorMessage> {
    const warnings = [...(await this.readUsers())];
    for (const file of this.contents.messages) {
      for await (const element of this.elements(file, { cut: false })) {
        if ('value' in element) this.index.add(element.value);
      }
      if (this.signal.aborted) return;
    }
    // What the first pass found is told once: a resumed read committed it with its first checkpoint.
    if (this.resumeAfter === 0) {
      if (this.contents.skipped > 0) warnings.push({ ...SKIPPED_ENTRIES, count: this.contents.skipped });
      if (this.index.unknownPeople.size > 0)
        warnings.push({ ...IDENTITY_FALLBACK, count: this.index.unknownPeople.size });
      if (this.index.full) warnings.push(INDEX_FULL);
      for (const warning of warnings) yield { kind: 'warning', warning };
    }
    for (const channel of [...this.index.channels].sort()) {
      const record = {
        teamId: '',
        id: channel,
        name: channel,
        membershipType: 'private',
        isPrivate: true,
      } as const;
      yield { kind: 'group', record: channelGroup(record, null) };
    }
    for (const chat of [...this.index.chats].sort()) yield { kind: 'group', record: chatGroup(chat) };
    yield {
      kind: 'checkpoint',
      stream: 'groups',
      state: { groups: this.index.channels.size + this.index.chats.size },
    };
    yield* this.messages();
  }

  /** users.json into the people; warnings for entries that are no user and a list over the bound. */
  private async readUsers(): Promise<RunWarning[]> {
    const users = this.contents.users;
    if (users === null) return [];
    let unreadable = 0;
    for await (const element of fileElements(users, this.limits.maxMessageBytes)) {
      if (!('value' in element) || !this.people.add(element.value)) unreadable++;
    }
    if (this.resumeAfter > 0) return [];
    return [
      ...(unreadable > 0 ? [{ ...USERS_UNREADABLE, count: unreadable }] : []),
      ...(this.people.full ? [USERS_CUT] : []),
    ];
  }

  /** A file's elements, at most maxMessagesPerFile: `cut.cut` tells whether more were left. */
  private async *elements(file: ExportFile, cut: { cut: boolean }) {
    for await (const element of fileElements(file, this.limits.maxMessageBytes)) {
      if (element.index > this.settings.maxMessagesPerFile) {
        cut.cut = true;
        return;
      }
      yield element;
    }
  }

  /** Second pass: the messages after the checkpoint's ordinal (counted over the files in name order). */
  private async *messages(): AsyncGenerator<ConnectorMessage> {
    let ordinal = 0;
    let sinceCheckpoint = 0;
    for (const file of this.contents.messages) {
      const cut = { cut: false };
      for await (const element of this.elements(file, cut)) {
        if (++ordinal <= this.resumeAfter) continue;
        if (this.signal.aborted) return;
        const location = { file: file.name, line: element.index };
        if ('problem' in element) yield { kind: 'invalid', problem: { location, reason: element.problem } };
        else yield* this.map(element.value, location);
        if (++sinceCheckpoint >= this.checkpointEvery) {
          sinceCheckpoint = 0;
          yield { kind: 'checkpoint', stream: 'activity', state: { line: ordinal } };
        }
      }
      if (cut.cut && ordinal > this.resumeAfter)
        yield { kind: 'warning', warning: FILE_CUT(this.settings.maxMessagesPerFile) };
    }
    yield { kind: 'checkpoint', stream: 'activity', state: { line: ordinal } };
  }

  /** One message through the ms-teams mapping, placed in its chat, or its channel thread by the index. */
  private *map(raw: unknown, location: TeamsMessageContext['location']): Generator<ConnectorMessage> {
    const place = messagePlace(raw);
    if (place === null) {
      const id = (raw as { id?: unknown } | null)?.id;
      return yield {
        kind: 'invalid',
        problem: {
          location: {
            ...location,
            field: 'channelIdentity.channelId',
            ...(typeof id === 'string' ? { recordId: id } : {}),
          },
          reason:
            'channelIdentity.channelId: missing, and no chatId: the message names neither a channel nor a chat',
        },
      };
    }
    const keyOf = (objectId: string) => this.people.key(objectId);
    const id = typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id.trim() : '';
    if (place.kind === 'chat') {
      return yield* mapTeamsMessage(raw, {
        channelId: place.container,
        conversation: 'chat',
        root: null,
        hasReplies: false,
        keyOf,
        location,
      }).messages;
    }
    if (place.replyTo === null) {
      const hasReplies = this.index.hasReplies(place.container, id);
      const mapped = mapTeamsMessage(raw, {
        channelId: place.container,
        root: null,
        hasReplies,
        keyOf,
        location,
      });
      // As in ms-teams: told once per thread, at its deleted root.
      if (mapped.deleted && hasReplies) yield { kind: 'warning', warning: DELETED_THREAD_ROOT };
      return yield* mapped.messages;
    }
    const root = this.index.root(place.container, place.replyTo);
    const mapped = mapTeamsMessage(raw, {
      channelId: place.container,
      root: { id: place.replyTo, author: root?.author && !root.deleted ? keyOf(root.author) : null },
      hasReplies: false,
      keyOf,
      location,
    });
    if (root === undefined && mapped.messages.some((m) => m.kind === 'activity'))
      yield { kind: 'warning', warning: ROOT_NOT_IN_UPLOAD };
    yield* mapped.messages;
  }
}

const SKIPPED_ENTRIES: RunWarning = {
  code: 'ms-teams-export.skipped-entries',
  message: 'Entries of the zip that are no .json file (attachments, notes) were not read.',
  count: 1,
};

const IDENTITY_FALLBACK: RunWarning = {
  code: 'ms-teams-export.identity-fallback',
  message:
    'People the upload’s users.json does not list (or every person, without one) are identified by their ' +
    'Entra object id: they match no directory entry and no usage report. Add users.json to the zip ' +
    '(GET /users?$select=id,userPrincipalName,mail).',
  count: 1,
};

const INDEX_FULL: RunWarning = {
  code: 'ms-teams-export.index-full',
  message:
    'The upload holds more threads, channels or chats than one read indexes: replies beyond are kept ' +
    'without a target, and some channels or chats are stored without a group. Upload it in parts.',
  count: 1,
};

const USERS_UNREADABLE: RunWarning = {
  code: 'ms-teams-export.users-unreadable',
  message: 'Entries of users.json without an id, or with neither userPrincipalName nor mail, were skipped.',
  count: 1,
};

const USERS_CUT: RunWarning = {
  code: 'ms-teams-export.users-cut',
  message: 'users.json lists more users than one read keeps: the others are identified by their object id.',
  count: 1,
};

const ROOT_NOT_IN_UPLOAD: RunWarning = {
  code: 'ms-teams-export.root-not-in-upload',
  message:
    'Replies whose thread root is not in the upload (an export of a period): they keep their thread, ' +
    'without a target.',
  count: 1,
};

const FILE_CUT = (max: number): RunWarning => ({
  code: 'ms-teams-export.file-cut',
  message: `Files with more than ${max} messages (maxMessagesPerFile): the rest of each was not read.`,
  count: 1,
});
