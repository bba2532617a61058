import {
  defineConnector,
  InputError,
  resumeLine,
  type ConnectorMessage,
  type GroupRecord,
  type ReadContext,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { Entry } from 'yauzl';
import { z } from 'zod';
import { csvTableRows } from './csv-table';
import { ZipArchive } from '../shared/zip/zip-archive';
import { DEFAULT_ARCHIVE_LIMITS, TOO_MANY_ENTRIES_ADVICE, type ArchiveLimits } from './export-limits';
import { GROUPS_CSV, MESSAGES_CSV, planExport, USERS_CSV, type ExportLayout } from './export-layout';
import {
  deletedMessagesWarning,
  guestsLeftOutWarning,
  identityFallbackWarning,
  MAX_NAMED_SENDER_TYPES,
  notAPersonWarning,
  replyOutsideExportWarning,
  senderTypeLabel,
  skippedEntryWarning,
  unindexedWarning,
  unknownSenderTypeWarning,
} from './export-warnings';
import {
  ALL_COMPANY_GROUP,
  communityGroup,
  conversationGroup,
  GROUP_FIELDS,
  MAX_CONVERSATIONS,
  MAX_GROUPS,
  readGroupRow,
  REQUIRED_GROUP_FIELDS,
} from './groups';
import { messageActivity } from './message-activity';
import { MAX_INDEXED_MESSAGES, MessageIndex } from './message-index';
import {
  MESSAGE_FIELDS,
  NOT_A_PERSON_SENDER_TYPES,
  PERSON_SENDER_TYPE,
  readMessageRow,
  REQUIRED_MESSAGE_FIELDS,
  type MessageRow,
} from './message-row';
import {
  departmentUnit,
  directoryPerson,
  EngagePeople,
  MAX_DEPARTMENTS,
  readUserRow,
  REQUIRED_USER_FIELDS,
  USER_FIELDS,
} from './people';
import { vivaEngageExportSettings, type VivaEngageExportSettings } from './settings';

export { vivaEngageExportSettings, type VivaEngageExportSettings } from './settings';

const CONNECTOR_TYPE = 'viva-engage-export';
/** Messages.csv rows between activity checkpoints. */
const CHECKPOINT_EVERY = 1_000;

type Context = ReadContext<VivaEngageExportSettings, unknown>;

interface ReadOptions {
  checkpointEvery: number;
  limits: ArchiveLimits;
  maxIndexedMessages: number;
}

/**
 * Builds the Viva Engage export connector. Only tests pass smaller limits or a smaller `checkpointEvery`, to
 * exercise the bounds and resume on small fixtures.
 */
export function createVivaEngageExportConnector(
  options: { checkpointEvery?: number; limits?: Partial<ArchiveLimits>; maxIndexedMessages?: number } = {},
) {
  const readOptions: ReadOptions = {
    checkpointEvery: options.checkpointEvery ?? CHECKPOINT_EVERY,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits },
    maxIndexedMessages: options.maxIndexedMessages ?? MAX_INDEXED_MESSAGES,
  };
  /**
   * The Viva Engage (Yammer) network data export: the zip a verified admin downloads (admin center >
   * Governance and compliance > Data export) or the Data Export API returns (`/api/v1/export?since=…`).
   * Reads Messages.csv (posts, replies, private conversations), Users.csv (user id -> e-mail; the directory
   * when settings say so) and Groups.csv (communities); every other part is skipped with a warning. Entries
   * are streamed, row by row, each bounded as it inflates. Messages.csv is read twice: a first pass indexes
   * who sent each message (reply targets, identities, containers), the second yields the activities with a
   * `{ line }` checkpoint every `checkpointEvery` rows.
   */
  return defineConnector({
    type: CONNECTOR_TYPE,
    title: 'Viva Engage network data export (zip)',
    input: 'file',
    fileExtensions: ['.zip'],
    settingsSchema: vivaEngageExportSettings,
    credentialsSchema: z.strictObject({}),
    streams: ['directory', 'groups', 'activity'],
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (!file)
        throw new Error('the viva-engage-export connector reads an uploaded zip, and none was given');
      // Before anything is read: a checkpoint of another shape fails the run at once.
      const resumeAfter = resumeLine(CONNECTOR_TYPE, 'activity', context.state.activity);
      let archive: ZipArchive;
      try {
        archive = await ZipArchive.open(file.path, file.name, {
          maxEntries: readOptions.limits.maxEntries,
          maxEntryBytes: readOptions.limits.maxMessagesBytes,
          tooManyEntriesAdvice: TOO_MANY_ENTRIES_ADVICE,
        });
      } catch (error) {
        throw new InputError((error as Error).message, { cause: error });
      }
      try {
        yield* new ExportRead(archive, file.name, context, readOptions).read(resumeAfter);
      } finally {
        archive.close();
      }
    },
  });
}

export const vivaEngageExportConnector = createVivaEngageExportConnector();

/** What the first pass over Messages.csv found. */
interface MessageScan {
  index: MessageIndex;
  /** Communities messages name that Groups.csv does not list (an export since a date lists fewer). */
  unlistedGroups: Map<string, { name: string | null; isPrivate: boolean }>;
  conversations: Set<string>;
  allCompany: boolean;
  deleted: number;
  notAPerson: number;
  unknownSenderTypes: Map<string, number>;
}

class ExportRead {
  private readonly people: EngagePeople;
  private layout!: ExportLayout<Entry>;

  constructor(
    private readonly archive: ZipArchive,
    private readonly fileName: string,
    private readonly context: Context,
    private readonly options: ReadOptions,
  ) {
    this.people = new EngagePeople(fileName);
  }

  async *read(resumeAfter: number): AsyncGenerator<ConnectorMessage> {
    try {
      this.layout = planExport(this.archive.entries, this.fileName);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    const directory = this.context.settings.directory === 'users-csv';
    if (directory && !this.layout.users) {
      throw new InputError(
        `${this.fileName} has no ${USERS_CSV}, which settings.directory 'users-csv' reads`,
      );
    }
    for (const { name, entries } of this.layout.skipped) {
      yield { kind: 'warning', warning: skippedEntryWarning(name, entries) };
    }
    // A resumed read has committed the problems of Users.csv and Groups.csv with its first checkpoints already.
    const reported = resumeAfter > 0;
    yield* this.readUsers(reported);
    const listed: GroupRecord[] = [];
    yield* this.readGroups(listed, reported);
    const scan = await this.scanMessages(new Set(listed.map((group) => group.externalId)));
    yield* this.scanWarnings(scan);
    if (directory) yield* this.readDirectory();

    for (const group of listed) yield { kind: 'group', record: group };
    for (const [id, { name, isPrivate }] of scan.unlistedGroups) {
      yield { kind: 'group', record: communityGroup(id, name, isPrivate) };
    }
    if (scan.allCompany) yield { kind: 'group', record: ALL_COMPANY_GROUP };
    for (const id of scan.conversations) yield { kind: 'group', record: conversationGroup(id) };
    yield { kind: 'checkpoint', stream: 'groups', state: { groups: listed.length } };
    yield* this.readMessages(scan.index, resumeAfter);
  }

  /** Users.csv, first pass: user id -> e-mail address; its bad rows are quarantined here (only). */
  private async *readUsers(reported: boolean): AsyncGenerator<ConnectorMessage> {
    if (!this.layout.users) return;
    for await (const row of this.table(this.layout.users, USERS_CSV, USER_FIELDS, REQUIRED_USER_FIELDS)) {
      if ('problem' in row) {
        if (!reported) yield invalid(USERS_CSV, row.line, undefined, row.problem);
        continue;
      }
      const result = readUserRow(row.values);
      if ('field' in result) {
        if (!reported) yield invalid(USERS_CSV, row.line, result.field, result.reason);
      } else this.people.addUser(result.user.id, result.user.email);
    }
  }

  /** Users.csv as the directory, after Messages.csv gave every user their final identity key. */
  private async *readDirectory(): AsyncGenerator<ConnectorMessage> {
    const departments = new Set<string>();
    let guests = 0;
    const users = this.layout.users as Entry;
    for await (const row of this.table(users, USERS_CSV, USER_FIELDS, REQUIRED_USER_FIELDS)) {
      if ('problem' in row) continue;
      const result = readUserRow(row.values);
      if ('field' in result) continue;
      const { user } = result;
      if (user.guest) {
        guests++;
        continue;
      }
      if (user.department !== null && !departments.has(user.department)) {
        if (departments.size >= MAX_DEPARTMENTS) {
          throw new InputError(
            `${this.fileName}: ${USERS_CSV} names more than ${MAX_DEPARTMENTS} departments`,
          );
        }
        departments.add(user.department);
        yield { kind: 'orgUnit', record: departmentUnit(user.department) };
      }
      yield {
        kind: 'person',
        record: directoryPerson(user, this.people.identity(user.id)),
        location: { file: USERS_CSV, line: row.line },
      };
    }
    if (guests > 0) yield { kind: 'warning', warning: guestsLeftOutWarning(guests) };
  }

  private async *readGroups(listed: GroupRecord[], reported: boolean): AsyncGenerator<ConnectorMessage> {
    if (!this.layout.groups) return;
    const seen = new Set<string>();
    for await (const row of this.table(this.layout.groups, GROUPS_CSV, GROUP_FIELDS, REQUIRED_GROUP_FIELDS)) {
      if ('problem' in row) {
        if (!reported) yield invalid(GROUPS_CSV, row.line, undefined, row.problem);
        continue;
      }
      const result = readGroupRow(row.values);
      if ('field' in result) {
        if (!reported) yield invalid(GROUPS_CSV, row.line, result.field, result.reason);
        continue;
      }
      if (seen.has(result.id)) continue;
      if (seen.size >= MAX_GROUPS) throw this.tooMany('communities', MAX_GROUPS);
      seen.add(result.id);
      listed.push(result.group);
    }
  }

  /** First pass over Messages.csv: senders, containers and counts; problems are left to the second pass. */
  private async scanMessages(listed: ReadonlySet<string>): Promise<MessageScan> {
    const scan: MessageScan = {
      index: new MessageIndex(this.options.maxIndexedMessages),
      unlistedGroups: new Map(),
      conversations: new Set(),
      allCompany: false,
      deleted: 0,
      notAPerson: 0,
      unknownSenderTypes: new Map(),
    };
    for await (const message of this.messageRows()) {
      if (!('row' in message)) continue;
      const { row } = message;
      const person = row.senderType === PERSON_SENDER_TYPE && row.senderId !== null;
      scan.index.add(row.id, person ? row.senderId : null);
      if (!person) {
        this.countNotAPerson(scan, row.senderType);
        continue;
      }
      this.people.addSender(row.senderId as string, row.senderEmail);
      if (row.deleted) scan.deleted++;
      this.scanContainer(scan, row, listed);
    }
    scan.index.seal();
    return scan;
  }

  private countNotAPerson(scan: MessageScan, senderType: string): void {
    if (NOT_A_PERSON_SENDER_TYPES.includes(senderType)) {
      scan.notAPerson++;
      return;
    }
    const named = scan.unknownSenderTypes;
    const label = named.has(senderType) || named.size < MAX_NAMED_SENDER_TYPES ? senderType : '(other)';
    named.set(label, (named.get(label) ?? 0) + 1);
  }

  private scanContainer(scan: MessageScan, row: MessageRow, listed: ReadonlySet<string>): void {
    if (row.inPrivateConversation) {
      const id = row.conversationId as string;
      if (scan.conversations.has(id)) return;
      if (scan.conversations.size >= MAX_CONVERSATIONS)
        throw this.tooMany('private conversations', MAX_CONVERSATIONS);
      scan.conversations.add(id);
      return;
    }
    if (row.groupId === null) {
      scan.allCompany = true;
      return;
    }
    const group = communityGroup(row.groupId, null, false).externalId;
    if (listed.has(group) || scan.unlistedGroups.has(row.groupId)) return;
    if (scan.unlistedGroups.size + listed.size >= MAX_GROUPS) throw this.tooMany('communities', MAX_GROUPS);
    scan.unlistedGroups.set(row.groupId, { name: row.groupName, isPrivate: row.inPrivateGroup });
  }

  private *scanWarnings(scan: MessageScan): Generator<ConnectorMessage> {
    const warnings: RunWarning[] = [];
    const fallbacks = this.people.fallbackCount();
    if (fallbacks > 0) warnings.push(identityFallbackWarning(fallbacks));
    if (scan.deleted > 0) warnings.push(deletedMessagesWarning(scan.deleted));
    if (scan.notAPerson > 0) warnings.push(notAPersonWarning(scan.notAPerson));
    for (const [type, count] of scan.unknownSenderTypes) {
      warnings.push(unknownSenderTypeWarning(senderTypeLabel(type), count));
    }
    if (scan.index.overflow > 0) warnings.push(unindexedWarning(scan.index.overflow));
    for (const warning of warnings) yield { kind: 'warning', warning };
  }

  /** Second pass: the activities, from the line after the checkpoint on. */
  private async *readMessages(index: MessageIndex, resumeAfter: number): AsyncGenerator<ConnectorMessage> {
    const total = this.layout.messages.uncompressedSize;
    let sinceCheckpoint = 0;
    let outside = 0;
    let line = resumeAfter;
    const checkpoint = function* (): Generator<ConnectorMessage> {
      if (outside > 0) yield { kind: 'warning', warning: replyOutsideExportWarning(outside) };
      outside = 0;
      sinceCheckpoint = 0;
      yield { kind: 'checkpoint', stream: 'activity', state: { line } };
    };
    for await (const message of this.messageRows()) {
      if (this.context.signal.aborted) return;
      if (message.line <= resumeAfter) continue;
      line = message.line;
      if ('row' in message) {
        const mapped = messageActivity(message.row, this.people, index);
        if (mapped) {
          if (mapped.targetOutsideExport) outside++;
          yield { kind: 'activity', record: mapped.record, location: { file: MESSAGES_CSV, line } };
        }
      } else {
        yield invalid(MESSAGES_CSV, line, message.field, message.reason);
      }
      if (++sinceCheckpoint >= this.options.checkpointEvery) {
        yield* checkpoint();
        this.context.progress(message.bytes, total);
      }
    }
    yield* checkpoint();
    this.context.progress(total, total);
  }

  private async *messageRows(): AsyncGenerator<
    { line: number; bytes: number } & ({ row: MessageRow } | { field?: string; reason: string })
  > {
    const rows = this.table(this.layout.messages, MESSAGES_CSV, MESSAGE_FIELDS, REQUIRED_MESSAGE_FIELDS);
    for await (const row of rows) {
      if ('problem' in row) {
        yield { line: row.line, bytes: row.bytes, reason: row.problem };
        continue;
      }
      yield { line: row.line, bytes: row.bytes, ...readMessageRow(row.values) };
    }
  }

  private async *table<F extends string>(
    entry: Entry,
    name: string,
    fields: readonly F[],
    required: readonly F[],
  ) {
    const maxBytes =
      name === MESSAGES_CSV ? this.options.limits.maxMessagesBytes : this.options.limits.maxTableBytes;
    try {
      yield* csvTableRows(this.archive, entry, { name, fields, required, maxBytes });
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${this.fileName}: ${(error as Error).message}`, { cause: error });
    }
  }

  private tooMany(what: string, limit: number): InputError {
    return new InputError(
      `${this.fileName} holds more than ${limit.toLocaleString('en')} ${what}, the most one export may hold: ` +
        'export a shorter period',
    );
  }
}

function invalid(
  file: string,
  line: number,
  field: string | undefined,
  reason: string,
): Extract<ConnectorMessage, { kind: 'invalid' }> {
  return {
    kind: 'invalid',
    problem: { location: { file, line, ...(field === undefined ? {} : { field }) }, reason },
  };
}
