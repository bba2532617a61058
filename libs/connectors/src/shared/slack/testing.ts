import {
  HttpClient,
  parseConnectorConfig,
  type ActivityRecord,
  type Connector,
  type ConnectorMessage,
  type ConnectorState,
  type InputFile,
} from '@uptake/connector-sdk';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

/** Test helper (specs only): reads a Slack connector to the end with validated settings. */
export async function readSlackConnector<TSettings, TCredentials>(
  connector: Connector<TSettings, TCredentials>,
  input: {
    settings?: unknown;
    credentials?: unknown;
    file?: string;
    state?: ConnectorState;
    http?: HttpClient;
    now?: Date;
  },
): Promise<ConnectorMessage[]> {
  const { settings, credentials } = parseConnectorConfig(
    connector,
    input.settings ?? {},
    input.credentials ?? {},
  );
  const messages: ConnectorMessage[] = [];
  const now = input.now ?? new Date('2024-04-01T00:00:00Z');
  for await (const message of connector.read({
    settings,
    credentials,
    state: input.state ?? {},
    file: input.file === undefined ? undefined : inputFile(input.file),
    http: input.http ?? new HttpClient({ baseDelayMs: 1 }),
    signal: new AbortController().signal,
    progress: () => undefined,
    log: { info: () => undefined, warn: () => undefined },
    now: () => now,
  })) {
    messages.push(message);
  }
  return messages;
}

export function inputFile(path: string): InputFile {
  return { path, name: basename(path), size: statSync(path).size };
}

export function activitiesOf(messages: readonly ConnectorMessage[]): ActivityRecord[] {
  return messages.flatMap((message) => (message.kind === 'activity' ? [message.record] : []));
}

/** Activity counts by type, for comparing with hand-counted fixtures. */
export function countByType(messages: readonly ConnectorMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const activity of activitiesOf(messages)) counts[activity.type] = (counts[activity.type] ?? 0) + 1;
  return counts;
}
