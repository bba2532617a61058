import type { ConnectorType } from '@uptake/contracts';
import type { z } from 'zod';
import { HttpClient } from './http';
import type { ConnectorMessage, JsonValue, StreamName } from './records';

/** A file handed to a file-based connector (an upload, a webhook batch), already on local disk. */
export interface InputFile {
  path: string;
  /** The name the user gave it: used in problem locations. */
  name: string;
  size: number;
}

/** Checkpoint per stream; empty when reading from the start. */
export type ConnectorState = Partial<Record<StreamName, JsonValue>>;

export interface ConnectorLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ReadContext<TSettings, TCredentials> {
  settings: TSettings;
  credentials: TCredentials;
  state: ConnectorState;
  /** Present for file-based connectors. */
  file?: InputFile;
  /** Rate-limited per source; honours HTTP 429 / Retry-After. */
  http: HttpClient;
  /** Aborted when the worker shuts down: stop at the next record. */
  signal: AbortSignal;
  /** Reports how far the read is (bytes of a file, pages of an API), for the run's progress bar. */
  progress(done: number, total: number | null): void;
  log: ConnectorLogger;
  /** The current time (tests pin it). */
  now(): Date;
}

/** One thing a connection test checked (the token, one permission): what failed names what to grant. */
export interface ConnectionCheck {
  /** What was checked: 'credentials', or a permission or scope ('User.Read.All', 'channels:history'). */
  check: string;
  ok: boolean;
  /** What was found, for the maintainer; never a secret or a token. */
  message: string;
  /** The permission or scope to grant when this check failed for lack of it; otherwise null. */
  missingPermission: string | null;
}

/** What a connection test gets: the source's configuration, the SDK HTTP client and a deadline. */
export interface ConnectionTestContext<TSettings, TCredentials> {
  settings: TSettings;
  credentials: TCredentials;
  /** Rate-limited per source; honours HTTP 429 / Retry-After. */
  http: HttpClient;
  /** Aborted when the test runs out of time. */
  signal: AbortSignal;
  now(): Date;
}

/**
 * A data source type. One folder under libs/connectors implements this and registers it; the worker
 * runs it, the pipeline pseudonymises and stores what it yields, the contract kit checks it.
 */
export interface Connector<TSettings = unknown, TCredentials = unknown> {
  type: ConnectorType;
  title: string;
  /** 'api' connectors pull from a service; 'file' connectors read an uploaded file. */
  input: 'api' | 'file';
  /** File-name extensions a 'file' connector accepts (lower case, with the dot). */
  fileExtensions?: readonly string[];
  /** Non-secret settings, stored in clear and returned by the API. */
  settingsSchema: z.ZodType<TSettings>;
  /** Secrets, stored encrypted and never returned. */
  credentialsSchema: z.ZodType<TCredentials>;
  streams: readonly StreamName[];
  /** Requests per minute the service allows (shared by all workers reading this source). */
  requestsPerMinute?: number;
  /**
   * Reads the source from `context.state` on, yielding records, problems and checkpoints. Must be
   * deterministic for the same input and state (external ids stable), so that reading twice stores nothing new.
   */
  read(context: ReadContext<TSettings, TCredentials>): AsyncIterable<ConnectorMessage>;
  /**
   * API connectors: checks the credentials and each permission the read needs with a few cheap requests,
   * without reading data. A refusal is a failed check (naming the missing permission), not an error.
   */
  testConnection?(context: ConnectionTestContext<TSettings, TCredentials>): Promise<ConnectionCheck[]>;
}

/** Identity helper that keeps the settings/credentials types of a connector literal. */
export function defineConnector<TSettings, TCredentials>(
  connector: Connector<TSettings, TCredentials>,
): Connector<TSettings, TCredentials> {
  return connector;
}

/**
 * A read context for running a connector outside the worker (contract kit, benchmarks, scripts): no rate
 * limit, no progress, quiet logs unless given, never aborted unless a signal is given.
 */
export function standaloneReadContext<TSettings, TCredentials>(options: {
  settings: TSettings;
  credentials: TCredentials;
  state?: ConnectorState;
  file?: InputFile;
  http?: HttpClient;
  signal?: AbortSignal;
  log?: ConnectorLogger;
  now?: Date;
}): ReadContext<TSettings, TCredentials> {
  const now = options.now;
  return {
    settings: options.settings,
    credentials: options.credentials,
    state: options.state ?? {},
    file: options.file,
    http: options.http ?? new HttpClient(),
    signal: options.signal ?? new AbortController().signal,
    progress: () => undefined,
    log: options.log ?? { info: () => undefined, warn: () => undefined },
    now: () => now ?? new Date(),
  };
}

/**
 * The input can never be read as it is (not a zip, a required file or column missing, a token the service
 * rejects): trying again cannot help, so the run fails at once with this message instead of being retried.
 * The worker treats every error a file connector throws as one (a spooled file does not change between
 * attempts); API connectors throw it for what no retry can fix.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A connector's settings or credentials are invalid; `issues` name each field. */
export class ConnectorConfigError extends Error {
  constructor(
    readonly connectorType: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${connectorType} configuration: ${issues.join('; ')}`);
    this.name = 'ConnectorConfigError';
  }
}

/** Validates settings and credentials against the connector's schemas, naming every bad field. */
export function parseConnectorConfig<TSettings, TCredentials>(
  connector: Connector<TSettings, TCredentials>,
  settings: unknown,
  credentials: unknown,
): { settings: TSettings; credentials: TCredentials } {
  const parsedSettings = connector.settingsSchema.safeParse(settings ?? {});
  const parsedCredentials = connector.credentialsSchema.safeParse(credentials ?? {});
  const issues = [
    ...(parsedSettings.success ? [] : describeIssues('settings', parsedSettings.error.issues)),
    ...(parsedCredentials.success ? [] : describeIssues('credentials', parsedCredentials.error.issues)),
  ];
  if (!parsedSettings.success || !parsedCredentials.success) {
    throw new ConnectorConfigError(connector.type, issues);
  }
  return { settings: parsedSettings.data, credentials: parsedCredentials.data };
}

/** Validates settings alone (a change that keeps the stored credentials). */
export function parseConnectorSettings<TSettings>(
  connector: Connector<TSettings, unknown>,
  settings: unknown,
): TSettings {
  const parsed = connector.settingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    throw new ConnectorConfigError(connector.type, describeIssues('settings', parsed.error.issues));
  }
  return parsed.data;
}

function describeIssues(
  prefix: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`);
}

/**
 * The messages of a read of a file, with the connector's errors as InputErrors: a spooled file reads the same
 * on every attempt, so what a file connector refuses is refused for good. Errors of whoever consumes the
 * messages (the pipeline's writes) do not pass through here.
 */
export async function* fileReadErrorsAreFinal(
  messages: AsyncIterable<ConnectorMessage>,
): AsyncGenerator<ConnectorMessage> {
  try {
    yield* messages;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
