import {
  defineConnector,
  readCheckpoint,
  type ConnectorMessage,
  type JsonValue,
  type ReadContext,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { z } from 'zod';
import { directoryUser, managerKey } from './directory-user';
import { EntraDirectoryClient } from './graph-users';
import {
  entraIdDirectoryCredentials,
  entraIdDirectorySettings,
  type EntraIdDirectoryCredentials,
  type EntraIdDirectorySettings,
} from './settings';
import { testEntraIdDirectoryConnection } from './connection-test';

type Context = ReadContext<EntraIdDirectorySettings, EntraIdDirectoryCredentials>;

/** Progress of a read: the next page to ask for (Graph's @odata.nextLink) and how many pages came before it. */
interface DirectoryState {
  next: string;
  page: number;
}

/**
 * The Microsoft Entra ID directory (Microsoft Graph `/users`) as Uptake's directory: people keyed by their
 * UPN (or mail), org units from departments, managers (`/users/{id}/manager`, by object id), office locations
 * and hire dates. The denominator of adoption for tenants whose HR data lives in Entra ID, and the way usage
 * reports (which name users by UPN) join the directory.
 */
export const entraIdDirectoryConnector = defineConnector({
  type: 'entra-id-directory',
  title: 'Microsoft Entra ID directory (Microsoft Graph users)',
  input: 'api',
  settingsSchema: entraIdDirectorySettings,
  credentialsSchema: entraIdDirectoryCredentials,
  streams: ['directory'],
  // Graph throttles directory reads per app and tenant; 429 Retry-After is honoured on top of this.
  requestsPerMinute: 600,
  testConnection: testEntraIdDirectoryConnection,
  async *read(context): AsyncGenerator<ConnectorMessage> {
    yield* readDirectory(context);
  },
});

async function* readDirectory(context: Context): AsyncGenerator<ConnectorMessage> {
  const client = new EntraDirectoryClient(
    context.http,
    context.settings,
    context.credentials,
    context.signal,
    context.now,
  );
  const resumed = resumeState(context.state.directory);
  let state: DirectoryState = resumed ?? { next: client.firstPage(), page: 0 };
  // Everything after this is covered by a checkpoint: a resumed read counts its warnings once.
  yield checkpoint(state);
  const unitsSeen = new Set<string>();
  for (;;) {
    if (context.signal.aborted) return;
    const { users, nextLink } = await client.page(state.next);
    const file = `users page ${state.page + 1}`;
    const skipped = { disabled: 0, guest: 0, mailMissing: 0 };
    const people: ConnectorMessage[] = [];
    for (const [index, user] of users.entries()) {
      if (context.signal.aborted) return;
      const location = {
        file,
        line: index + 1,
        ...(typeof user.id === 'string' ? { recordId: user.id } : {}),
      };
      const result = directoryUser(user, context.settings.identity);
      if (result.kind === 'problem') {
        people.push({
          kind: 'invalid',
          problem: { location: { ...location, field: result.field }, reason: result.reason },
        });
        continue;
      }
      if (result.kind === 'skipped') {
        skipped[result.reason]++;
        continue;
      }
      if (result.mailMissing) skipped.mailMissing++;
      const manager = await client.manager(user.id as string);
      result.person.managerExternalId = managerKey(manager, context.settings.identity);
      // Units before the people in them (the pipeline resolves a person's unit when it writes them).
      if (result.department && !unitsSeen.has(result.department.externalId)) {
        unitsSeen.add(result.department.externalId);
        yield { kind: 'orgUnit', record: result.department, location };
      }
      people.push({ kind: 'person', record: result.person, location });
    }
    yield* people;
    yield* skippedWarnings(skipped);
    context.progress(state.page + 1, null);
    if (!nextLink) {
      // The whole directory was read: the next sync reads it again from the first page.
      yield { kind: 'checkpoint', stream: 'directory', state: null };
      return;
    }
    state = { next: nextLink, page: state.page + 1 };
    yield checkpoint(state);
  }
}

function* skippedWarnings(skipped: { disabled: number; guest: number; mailMissing: number }) {
  const warnings: RunWarning[] = [
    {
      code: 'disabled-accounts',
      count: skipped.disabled,
      message:
        'Disabled accounts (accountEnabled false: people who left, shared and service accounts) are not in ' +
        'the directory: they are not counted as people who could adopt.',
    },
    {
      code: 'guest-accounts',
      count: skipped.guest,
      message:
        "Guests (#EXT# in the user principal name: other organisations' people) are not in the directory.",
    },
    {
      code: 'mail-missing',
      count: skipped.mailMissing,
      message:
        'Users without a mail address are keyed by their user principal name instead (identity: mail): they ' +
        'match sources that name them by UPN, such as the Microsoft 365 usage reports, not by e-mail.',
    },
  ];
  for (const warning of warnings) {
    if (warning.count > 0) yield { kind: 'warning', warning } satisfies ConnectorMessage;
  }
}

/** Checkpoint of the directory stream: the next page to ask for (Graph's nextLink) and how many were read. */
const directoryCheckpoint = z.object({ next: z.string(), page: z.number().int().nonnegative() });

function resumeState(state: JsonValue | undefined): DirectoryState | null {
  return readCheckpoint('entra-id-directory', 'directory', directoryCheckpoint, state);
}

function checkpoint(state: DirectoryState): ConnectorMessage {
  return { kind: 'checkpoint', stream: 'directory', state: { ...state } };
}
