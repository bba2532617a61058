import {
  CheckpointError,
  checkRecord,
  HttpClient,
  parseConnectorConfig,
  standaloneReadContext,
  type Connector,
  type ConnectorMessage,
  type ConnectorState,
  type InputFile,
  type JsonValue,
  type RecordLocation,
  type StreamName,
} from '@uptake/connector-sdk';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { ingest, type IngestResult } from '../lib/pipeline';
import { CORRUPT_CHECKPOINTS, resumedStream, type EarlierSettings } from './contract-history';

/** A problem the malformed input must produce: each given location field and a part of the reason. */
export interface ExpectedProblem extends RecordLocation {
  reasonIncludes: string;
}

/** A warning the run of the fixture must carry, with its aggregated count. */
export interface ExpectedWarning {
  code: string;
  count: number;
  file?: string;
}

export interface ConnectorInput {
  settings: unknown;
  credentials?: unknown;
  /** The input file, for file connectors; called once per read. */
  file?: () => InputFile;
}

/**
 * What a connector promises about its fixtures. Every connector runs this kit against real Postgres:
 * valid records, expected totals, idempotence, checkpoint resume and malformed input.
 */
export interface ConnectorContract extends ConnectorInput {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  connector: Connector<any, any>;
  /** Called per read, so fake servers can count requests; default: a client without rate limit. */
  http?: () => HttpClient;
  now?: Date;
  expected: {
    activities: number;
    usage?: number;
    people?: number;
    groups?: number;
    /** Exactly these warnings on the run (code, file, count); checked also after a resumed read. */
    warnings?: ExpectedWarning[];
  };
  /** Settings (and credentials) that must be rejected, and the field the error must name. */
  invalidConfig: { settings: unknown; credentials?: unknown; field: string };
  /**
   * Settings of earlier versions that stored sources may still hold: each must still parse. Kept in the
   * connector folder's fixtures/earlier-settings.json (load them with earlierSettingsFixture(__dirname)).
   */
  earlierSettings: readonly EarlierSettings[];
  /**
   * Checkpoints of the stream the connector resumes (activity, or directory) with fields of the wrong type,
   * refused with a CheckpointError like the kit's own CORRUPT_CHECKPOINTS (values that are no object).
   */
  corruptCheckpoints?: readonly unknown[];
  /**
   * Input with bad records: the good ones land, each bad one is quarantined with its location.
   * Only a generated source (the demo) has no malformed input.
   */
  malformed?: ConnectorInput & { expectedActivities: number; expectedProblems: ExpectedProblem[] };
}

/** Reads a connector to the end, or until `stop.count` checkpoints of `stop.stream`, collecting what it yields. */
export async function readAll(
  contract: Pick<ConnectorContract, 'connector' | 'http' | 'now'>,
  input: ConnectorInput,
  state: ConnectorState = {},
  stop?: { stream: StreamName; count: number },
): Promise<ConnectorMessage[]> {
  const messages: ConnectorMessage[] = [];
  let checkpoints = 0;
  for await (const message of readConnector(contract, input, state)) {
    messages.push(message);
    if (message.kind !== 'checkpoint' || !stop || message.stream !== stop.stream) continue;
    if (++checkpoints >= stop.count) break;
  }
  return messages;
}

export function readConnector(
  contract: Pick<ConnectorContract, 'connector' | 'http' | 'now'>,
  input: ConnectorInput,
  state: ConnectorState = {},
): AsyncIterable<ConnectorMessage> {
  const { settings, credentials } = parseConnectorConfig(
    contract.connector,
    input.settings,
    input.credentials,
  );
  return contract.connector.read(
    standaloneReadContext({
      settings,
      credentials,
      state,
      file: input.file?.(),
      http: contract.http?.() ?? new HttpClient({ baseDelayMs: 1 }),
      now: contract.now,
    }),
  );
}

/** Merges the checkpoints of a message list into the state a resumed read starts from. */
export function stateAfter(messages: readonly ConnectorMessage[]): ConnectorState {
  const state: ConnectorState = {};
  for (const message of messages) if (message.kind === 'checkpoint') state[message.stream] = message.state;
  return state;
}

async function* replay(messages: readonly ConnectorMessage[]): AsyncIterable<ConnectorMessage> {
  yield* messages;
}

/** A sync run of the scratch source, so the pipeline commits counts and warnings on it. */
async function createRun(dataSource: DataSource, scope: { organisationId: string; sourceId: string }) {
  const [run]: { id: string }[] = await dataSource.query(
    `INSERT INTO sync_runs (organisation_id, source_id, trigger, status) VALUES ($1, $2, 'upload', 'running')
     RETURNING id`,
    [scope.organisationId, scope.sourceId],
  );
  return { ...scope, syncRunId: run.id };
}

/** The run's warnings as (code, file, count), in a stable order for comparison. */
async function storedWarnings(dataSource: DataSource, syncRunId: string): Promise<ExpectedWarning[]> {
  const [row]: { warnings: { code: string; file?: string; count: number }[] }[] = await dataSource.query(
    'SELECT warnings FROM sync_runs WHERE id = $1',
    [syncRunId],
  );
  return sortWarnings(
    row.warnings.map(({ code, file, count }) => ({ code, count, ...(file ? { file } : {}) })),
  );
}

function sortWarnings(warnings: readonly ExpectedWarning[]): ExpectedWarning[] {
  const key = (warning: ExpectedWarning) => `${warning.code} ${warning.file ?? ''}`;
  return [...warnings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A scratch tenant with one source of the connector's type, in the shared test database. */
export async function createScratchSource(
  dataSource: DataSource,
  connectorType: string,
): Promise<{ organisationId: string; sourceId: string }> {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name: `Contract ${connectorType}`, slug: `contract-${uniqueSuffix()}` });
  const source = await dataSource
    .getRepository(ActivitySource)
    .save({ organisationId: organisation.id, name: connectorType, connectorType });
  return { organisationId: organisation.id, sourceId: source.id };
}

/**
 * Defines the contract tests of one connector (call at the top level of a `*.int-spec.ts`). `define` runs
 * in beforeAll, so it may use servers the spec starts. Only a generated source (the demo) passes
 * `{ malformedInput: false }`: every real connector must show what it does with bad input.
 */
export function describeConnectorContract(
  title: string,
  define: () => ConnectorContract,
  options: { malformedInput?: boolean } = {},
): void {
  describe(`${title} connector contract`, () => {
    let dataSource: DataSource;
    let contract: ConnectorContract;
    const organisations: string[] = [];

    const scratch = async () => {
      const scope = await createScratchSource(dataSource, contract.connector.type);
      organisations.push(scope.organisationId);
      return scope;
    };
    const count = async (table: string, organisationId: string) => {
      const rows = await dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE organisation_id = $1`,
        [organisationId],
      );
      return rows[0].n as number;
    };

    beforeAll(async () => {
      contract = define();
      dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    });

    afterAll(async () => {
      if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
      await dataSource?.destroy();
    });

    it('rejects invalid configuration, naming the field', () => {
      const { settings, credentials, field } = contract.invalidConfig;
      expect(() => parseConnectorConfig(contract.connector, settings, credentials)).toThrow(field);
    });

    it('still parses the settings of its earlier versions', () => {
      expect(contract.earlierSettings.length).toBeGreaterThan(0);
      const refused = contract.earlierSettings.flatMap((earlier) => {
        try {
          parseConnectorConfig(
            contract.connector,
            earlier.settings,
            earlier.credentials ?? contract.credentials,
          );
          return [];
        } catch (error) {
          return [`${earlier.from}: ${error instanceof Error ? error.message : String(error)}`];
        }
      });
      expect(refused).toEqual([]);
    });

    it('refuses a checkpoint of the wrong shape, naming the connector, the stream and what is wrong', async () => {
      const stream = resumedStream(contract.expected);
      const corrupt = [...CORRUPT_CHECKPOINTS, ...(contract.corruptCheckpoints ?? [])];
      for (const checkpoint of corrupt) {
        const read = readAll(contract, contract, { [stream]: checkpoint as JsonValue });
        await expect(read).rejects.toThrow(CheckpointError);
        await expect(read).rejects.toThrow(
          new RegExp(
            `^${contract.connector.type} connector: the stored checkpoint of the ${stream} stream .*\\(${stream}[.:]`,
          ),
        );
      }
    });

    it('yields only valid records, with unique activity ids and checkpoints for its streams', async () => {
      const messages = await readAll(contract, contract);
      const problems = messages.flatMap((message) =>
        message.kind === 'invalid' || message.kind === 'checkpoint' || message.kind === 'warning'
          ? []
          : [checkRecord(message)],
      );
      expect(problems.filter((problem) => problem !== null)).toEqual([]);
      expect(messages.filter((message) => message.kind === 'invalid')).toEqual([]);
      // A withdrawn usage report count (0, see ActivityRecord.count) is not activity.
      const ids = messages.flatMap((m) =>
        m.kind === 'activity' && m.record.count > 0 ? [m.record.externalId] : [],
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(contract.expected.activities);
      const streams = new Set(messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.stream] : [])));
      expect([...streams].sort()).toEqual(
        contract.connector.streams.filter((stream) => streams.has(stream)).sort(),
      );
      expect(streams.size).toBeGreaterThan(0);
    });

    it('stores the expected totals, and reading the same input again stores nothing new', async () => {
      const scope = await createRun(dataSource, await scratch());
      const first = await ingest(dataSource, scope, readConnector(contract, contract), {
        fileName: contract.file?.().name,
      });
      expect(await storedWarnings(dataSource, scope.syncRunId)).toEqual(
        sortWarnings(contract.expected.warnings ?? []),
      );
      expect(first.inserted).toBe(contract.expected.activities);
      expect(first.quarantined).toBe(0);
      if (contract.expected.usage !== undefined) expect(first.usage).toBe(contract.expected.usage);
      if (contract.expected.people !== undefined) expect(first.people).toBe(contract.expected.people);
      if (contract.expected.groups !== undefined) expect(first.groups).toBe(contract.expected.groups);

      const [version] = await dataSource.query(
        'SELECT directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
        [scope.organisationId],
      );
      const second = await ingest(dataSource, scope, readConnector(contract, contract));
      expect(second.inserted).toBe(0);
      // The same directory again changes nothing, so cached KPI reports stay valid (issue 18).
      expect(
        await dataSource.query(
          'SELECT directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
          [scope.organisationId],
        ),
      ).toEqual([version]);
      expect(second.duplicates).toBe(contract.expected.activities);
      expect(await count('activity_events', scope.organisationId)).toBe(contract.expected.activities);
      if (contract.expected.usage !== undefined) {
        expect(await count('usage_metrics', scope.organisationId)).toBe(contract.expected.usage);
      }
    });

    it('resumes from a checkpoint midway and ends with the same total', async () => {
      // Activity connectors are checked on activity ids; a directory connector on its people.
      const stream = resumedStream(contract.expected);
      const expectedTotal =
        stream === 'activity' ? contract.expected.activities : (contract.expected.people ?? 0);
      const ids = (messages: ConnectorMessage[]) =>
        messages.flatMap((m) =>
          (stream === 'activity' && m.kind === 'activity' && m.record.count > 0) ||
          (stream === 'directory' && m.kind === 'person')
            ? [m.record.externalId]
            : [],
        );
      const all = await readAll(contract, contract);
      const checkpoints = all.filter((m) => m.kind === 'checkpoint' && m.stream === stream).length;
      expect(checkpoints).toBeGreaterThanOrEqual(2);
      const head = await readAll(contract, contract, {}, { stream, count: Math.ceil(checkpoints / 2) });
      const tail = await readAll(contract, contract, stateAfter(head));
      // Resuming re-reads at most what the checkpoint did not cover, and never skips anything.
      expect(new Set([...ids(head), ...ids(tail)]).size).toBe(expectedTotal);
      expect(ids(tail).length).toBeLessThan(expectedTotal);

      // Head and tail are two attempts of one run: the warnings are counted once.
      const scope = await createRun(dataSource, await scratch());
      const stored: IngestResult[] = [
        await ingest(dataSource, scope, replay(head)),
        await ingest(dataSource, scope, replay(tail), { initialState: stateAfter(head) }),
      ];
      expect(await storedWarnings(dataSource, scope.syncRunId)).toEqual(
        sortWarnings(contract.expected.warnings ?? []),
      );
      if (stream === 'activity') {
        expect(stored[0].inserted + stored[1].inserted).toBe(expectedTotal);
        expect(await count('activity_events', scope.organisationId)).toBe(expectedTotal);
      } else {
        expect(await count('people', scope.organisationId)).toBe(expectedTotal);
      }
    });

    if (options.malformedInput === false) return;
    it('quarantines malformed records with their location and keeps the good ones', async () => {
      const malformed = contract.malformed;
      if (!malformed) throw new Error('the contract needs malformed input (see ConnectorContract.malformed)');
      const scope = await scratch();
      const result = await ingest(dataSource, scope, readConnector(contract, malformed), {
        fileName: malformed.file?.().name,
      });
      expect(result.inserted).toBe(malformed.expectedActivities);
      expect(result.quarantined).toBe(malformed.expectedProblems.length);
      const rows: { file: string | null; line: number | null; field: string | null; reason: string }[] =
        await dataSource.query(
          `SELECT file, line, field, reason FROM quarantined_records WHERE organisation_id = $1
           ORDER BY line NULLS LAST, field`,
          [scope.organisationId],
        );
      expect(rows).toHaveLength(malformed.expectedProblems.length);
      for (const expected of malformed.expectedProblems) {
        const { reasonIncludes, recordId: _recordId, ...location } = expected;
        expect(rows).toContainEqual(
          expect.objectContaining({ ...location, reason: expect.stringContaining(reasonIncludes) }),
        );
      }
    });
  });
}
