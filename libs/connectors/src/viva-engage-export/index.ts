import {
  defineConnector,
  InputError,
  resumeLine,
  type ConnectorMessage,
  type GroupRecord,
  type InputFile,
  type JsonValue,
  type ReadContext,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { Entry } from 'yauzl';
import { csvTableRows } from './csv-table';
import { ZipArchive } from '../shared/zip/zip-archive';
import { DEFAULT_ARCHIVE_LIMITS, TOO_MANY_ENTRIES_ADVICE, type ArchiveLimits } from './export-limits';
import {
  GROUPS_CSV,
  hasMessagesEntry,
  MESSAGES_CSV,
  planExport,
  USERS_CSV,
  type ExportLayout,
} from './export-layout';
import {
  deletedMessagesWarning,
  exportBoundWarning,
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
  ALL_COMPANY_GROUP_ID,
  communityExternalId,
  communityGroup,
  conversationGroup,
  GROUP_FIELDS,
  MAX_CONVERSATIONS,
  MAX_GROUPS,
  readGroupRow,
  REQUIRED_GROUP_FIELDS,
} from './groups';
import { messageActivity } from './message-activity';
import {
  InferredMemberships,
  MAX_INFERRED_MEMBERSHIPS,
  membershipsBoundWarning,
  unknownPeopleWarning,
} from './memberships';
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
import { testVivaEngageExportConnection } from './connection-test';
import { apiStateJson, downloadExport, nextWindow, resumeApiState } from './export-api';
import {
  vivaEngageExportCredentials,
  vivaEngageExportSettings,
  type VivaEngageExportCredentials,
  type VivaEngageExportSettings,
} from './settings';

export {
  vivaEngageExportCredentials,
  vivaEngageExportSettings,
  type VivaEngageExportCredentials,
  type VivaEngageExportSettings,
} from './settings';

const CONNECTOR_TYPE = 'viva-engage-export';
/** Messages.csv rows between activity checkpoints. */
const CHECKPOINT_EVERY = 1_000;

type Context = ReadContext<VivaEngageExportSettings, VivaEngageExportCredentials>;

interface ReadOptions {
  checkpointEvery: number;
  limits: ArchiveLimits;
  maxIndexedMessages: number;
  maxInferredMemberships: number;
}

/**
 * Builds the Viva Engage export connector. Only tests pass smaller limits or a smaller `checkpointEvery`, to
 * exercise the bounds and resume on small fixtures.
 */
export function createVivaEngageExportConnector(
  options: {
    checkpointEvery?: number;
    limits?: Partial<ArchiveLimits>;
    maxIndexedMessages?: number;
    maxInferredMemberships?: number;
  } = {},
) {
  const readOptions: ReadOptions = {
    checkpointEvery: options.checkpointEvery ?? CHECKPOINT_EVERY,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits },
    maxIndexedMessages: options.maxIndexedMessages ?? MAX_INDEXED_MESSAGES,
    maxInferredMemberships: options.maxInferredMemberships ?? MAX_INFERRED_MEMBERSHIPS,
  };
  /**
   * The Viva Engage (Yammer) network data export: the zip a verified admin downloads (admin center >
   * Governance and compliance > Data export) or the Data Export API returns (`/api/v1/export?since=…`).
   * Reads Messages.csv (posts, replies, their mentions, private conversations), Users.csv (user id -> e-mail;
   * the directory when settings say so) and Groups.csv (communities, with members inferred from who took part
   * in them: the export lists none); every other part is skipped with a warning. Entries
   * are streamed, row by row, each bounded as it inflates. Messages.csv is read twice: a first pass indexes
   * who sent each message (reply targets, identities, containers), the second yields the activities with a
   * `{ line }` checkpoint every `checkpointEvery` rows.
   */
  return defineConnector({
    type: CONNECTOR_TYPE,
    title: 'Viva Engage network data export (zip upload, or the Data Export API)',
    // 'api' so that syncs need no file (mode api); `fileExtensions` lets every source take uploads, and an
    // uploaded zip is read whatever the mode (as ms-graph-reports does with its reports).
    input: 'api',
    fileExtensions: ['.zip'],
    settingsSchema: vivaEngageExportSettings,
    credentialsSchema: vivaEngageExportCredentials,
    streams: ['directory', 'groups', 'activity'],
    // A handful of large downloads a sync; 429s beyond are retried after Retry-After.
    requestsPerMinute: 10,
    testConnection: testVivaEngageExportConnection,
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (file) {
        // Before anything is read: a checkpoint of another shape fails the run at once.
        const resumeAfter = resumeLine(CONNECTOR_TYPE, 'activity', context.state.activity);
        yield* readZip(file, context, readOptions, {
          resumeAfter,
          lineState: (line) => ({ line }),
          preambleCommitted: false,
        });
        return;
      }
      if (context.settings.mode !== 'api') {
        throw new InputError(
          'this viva-engage-export source reads uploaded export zips (settings.mode upload): upload one, or ' +
            "set settings.mode to api (with a verified admin's token) for scheduled exports",
        );
      }
      yield* readFromExportApi(context, readOptions);
    },
  });
}

/** One export zip, from the line after `resumeAfter` on; `lineState` is the checkpoint of a line. */
async function* readZip(
  file: InputFile,
  context: Context,
  options: ReadOptions,
  position: ReadPosition & {
    resumeAfter: number;
    /** An API export may leave Messages.csv out of a window without messages: nothing to read, then. */
    quietWithoutMessages?: boolean;
  },
): AsyncGenerator<ConnectorMessage> {
  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(file.path, file.name, {
      maxEntries: options.limits.maxEntries,
      maxEntryBytes: options.limits.maxMessagesBytes,
      tooManyEntriesAdvice: TOO_MANY_ENTRIES_ADVICE,
    });
  } catch (error) {
    throw new InputError((error as Error).message, { cause: error });
  }
  try {
    if (position.quietWithoutMessages && !hasMessagesEntry(archive.entries)) {
      context.log.info(`${file.name} holds no ${MESSAGES_CSV}: a window without messages`);
      return;
    }
    yield* new ExportRead(archive, file.name, context, options, position).read(position.resumeAfter);
  } finally {
    archive.close();
  }
}

/**
 * Mode api: the exports since the last one's end, a window (`windowDays`) at a time, at most
 * `maxExportsPerRun`, each downloaded to a temporary file, read like an upload and deleted. The checkpoint
 * names the window under way and its line, then, once it is read, the window's end (see ApiState).
 */
async function* readFromExportApi(context: Context, options: ReadOptions): AsyncGenerator<ConnectorMessage> {
  const state = resumeApiState(context.state.activity);
  const token = context.credentials.token;
  if (token === undefined) {
    throw new InputError(
      "settings.mode api needs credentials.token: a verified admin's Yammer token for the Data Export API",
    );
  }
  const now = context.now();
  // Every warning of the windows comes after this checkpoint (see ReadPosition.preambleCommitted).
  yield { kind: 'checkpoint', stream: 'activity', state: apiStateJson(state) };
  for (let exports = 0; exports < context.settings.maxExportsPerRun; exports++) {
    if (context.signal.aborted) return;
    const window = nextWindow(state, context.settings, now);
    if (window === null) return;
    const bounds = { since: window.since.toISOString(), until: window.until.toISOString() };
    const resumeAfter = state.window?.line ?? 0;
    const resumed = state.window !== null;
    const exportedUntil = state.exportedUntil;
    const download = await downloadExport({
      http: context.http,
      exportUrl: context.settings.exportUrl,
      token,
      window,
      signal: context.signal,
    });
    try {
      yield* readZip(download.file, context, options, {
        resumeAfter,
        lineState: (line) => apiStateJson({ exportedUntil, window: { ...bounds, line } }),
        quietWithoutMessages: true,
        preambleCommitted: resumed,
      });
    } finally {
      await download.remove();
    }
    // Stopped midway (worker shutdown): the window's line checkpoints stand; it is not done.
    if (context.signal.aborted) return;
    state.exportedUntil = bounds.until;
    state.window = null;
    yield { kind: 'checkpoint', stream: 'activity', state: apiStateJson(state) };
    context.log.info(`read the Viva Engage export ${bounds.since} .. ${bounds.until}`);
  }
  if (nextWindow(state, context.settings, now) !== null) {
    yield { kind: 'warning', warning: exportBoundWarning(context.settings.maxExportsPerRun) };
  }
}

export const vivaEngageExportConnector = createVivaEngageExportConnector();

/** Where a read of one zip stands in the run: its checkpoints, and whether a resumed read warns again. */
interface ReadPosition {
  /** The checkpoint of the activity stream after a Messages.csv line (`{ line }` for an upload). */
  lineState: (line: number) => JsonValue;
  /**
   * The warnings about the zip as a whole (and its Users.csv and Groups.csv problems) were committed by an
   * earlier attempt: they are not yielded again. Never for an upload: its warnings come before its first
   * checkpoint, a preamble the pipeline counts once however often it is yielded. For an API window being
   * resumed: the run's first checkpoint came before the first window, so they are body warnings, committed
   * with the window's first checkpoint, and yielding them again would add them up twice.
   */
  preambleCommitted: boolean;
}

/** What the first pass over Messages.csv found. */
interface MessageScan {
  index: MessageIndex;
  /** Communities messages name that Groups.csv does not list (an export since a date lists fewer). */
  unlistedGroups: Map<string, { name: string | null; isPrivate: boolean }>;
  conversations: Set<string>;
  memberships: InferredMemberships;
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
    private readonly position: ReadPosition,
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
    // A resumed read has committed the problems of Users.csv and Groups.csv with its first checkpoints already.
    const reported = resumeAfter > 0 || this.position.preambleCommitted;
    const quiet = this.position.preambleCommitted;
    const preamble = function* (warnings: RunWarning[]): Generator<ConnectorMessage> {
      if (!quiet) for (const warning of warnings) yield { kind: 'warning', warning };
    };
    yield* preamble(this.layout.skipped.map(({ name, entries }) => skippedEntryWarning(name, entries)));
    yield* this.readUsers(reported);
    const listed: GroupRecord[] = [];
    yield* this.readGroups(listed, reported);
    const scan = await this.scanMessages(new Set(listed.map((group) => group.externalId)));
    yield* preamble(this.scanWarnings(scan));
    if (directory) {
      const guests: RunWarning[] = [];
      yield* this.readDirectory(guests);
      yield* preamble(guests);
    }

    const community = (group: GroupRecord): ConnectorMessage => ({
      kind: 'group',
      record: scan.memberships.withMembers(group, this.people),
    });
    for (const group of listed) yield community(group);
    for (const [id, { name, isPrivate }] of scan.unlistedGroups) {
      yield community(communityGroup(id, name, isPrivate));
    }
    if (scan.allCompany) yield community(ALL_COMPANY_GROUP);
    for (const id of scan.conversations) yield { kind: 'group', record: conversationGroup(id) };
    if (scan.memberships.unknown > 0) yield* preamble([unknownPeopleWarning(scan.memberships.unknown)]);
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
  private async *readDirectory(warnings: RunWarning[]): AsyncGenerator<ConnectorMessage> {
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
    if (guests > 0) warnings.push(guestsLeftOutWarning(guests));
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
      memberships: new InferredMemberships(this.options.maxInferredMemberships),
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
    // The sender and the participants of a community's message are its members from then on (inferred).
    const community = row.groupId === null ? ALL_COMPANY_GROUP_ID : communityExternalId(row.groupId);
    for (const userId of new Set([row.senderId as string, ...row.participantIds])) {
      scan.memberships.add(community, userId, row.createdAt);
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

  private scanWarnings(scan: MessageScan): RunWarning[] {
    const warnings: RunWarning[] = [];
    const fallbacks = this.people.fallbackCount();
    if (fallbacks > 0) warnings.push(identityFallbackWarning(fallbacks));
    if (scan.deleted > 0) warnings.push(deletedMessagesWarning(scan.deleted));
    if (scan.notAPerson > 0) warnings.push(notAPersonWarning(scan.notAPerson));
    for (const [type, count] of scan.unknownSenderTypes) {
      warnings.push(unknownSenderTypeWarning(senderTypeLabel(type), count));
    }
    if (scan.index.overflow > 0) warnings.push(unindexedWarning(scan.index.overflow));
    if (scan.memberships.overflow > 0) warnings.push(membershipsBoundWarning(scan.memberships.overflow));
    return warnings;
  }

  /** Second pass: the activities, from the line after the checkpoint on. */
  private async *readMessages(index: MessageIndex, resumeAfter: number): AsyncGenerator<ConnectorMessage> {
    const total = this.layout.messages.uncompressedSize;
    let sinceCheckpoint = 0;
    let outside = 0;
    let unknown = 0;
    let line = resumeAfter;
    const lineState = this.position.lineState;
    const checkpoint = function* (): Generator<ConnectorMessage> {
      if (outside > 0) yield { kind: 'warning', warning: replyOutsideExportWarning(outside) };
      if (unknown > 0) yield { kind: 'warning', warning: unknownPeopleWarning(unknown) };
      outside = 0;
      unknown = 0;
      sinceCheckpoint = 0;
      yield { kind: 'checkpoint', stream: 'activity', state: lineState(line) };
    };
    for await (const message of this.messageRows()) {
      if (this.context.signal.aborted) return;
      if (message.line <= resumeAfter) continue;
      line = message.line;
      if ('row' in message) {
        const mapped = messageActivity(message.row, this.people, index);
        if (mapped) {
          if (mapped.targetOutsideExport) outside++;
          unknown += mapped.unknownMentions;
          const location = { file: MESSAGES_CSV, line };
          yield { kind: 'activity', record: mapped.record, location };
          for (const mention of mapped.mentions) yield { kind: 'activity', record: mention, location };
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
