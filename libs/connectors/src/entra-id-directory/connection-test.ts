import type { ConnectionCheck, ConnectionTestContext } from '@uptake/connector-sdk';
import { GraphConnectionTest } from '../shared/ms-graph/graph-connection-test';
import type { EntraIdDirectoryCredentials, EntraIdDirectorySettings } from './settings';

/** The app-only token, then one user (User.Read.All: users and their managers). */
export async function testEntraIdDirectoryConnection(
  context: ConnectionTestContext<EntraIdDirectorySettings, EntraIdDirectoryCredentials>,
): Promise<ConnectionCheck[]> {
  const test = new GraphConnectionTest(context, 'Microsoft Entra ID directory');
  if (await test.credentials()) await test.probe('User.Read.All', 'GET /users', '/users?$select=id&$top=1');
  return test.checks;
}
