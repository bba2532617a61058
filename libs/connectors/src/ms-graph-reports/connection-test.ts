import type { ConnectionCheck, ConnectionTestContext } from '@uptake/connector-sdk';
import { GraphConnectionTest } from '../shared/ms-graph/graph-connection-test';
import { reportWindow } from './report-window';
import { REPORTS } from './reports';
import type { MsGraphReportsCredentials, MsGraphReportsSettings } from './settings';

/**
 * The app-only token, then the first configured report for the newest day a sync asks for
 * (Reports.Read.All); its download is dropped unread. Without tenant and app (upload-only sources) the
 * credentials check fails, naming the missing fields.
 */
export async function testMsGraphReportsConnection(
  context: ConnectionTestContext<MsGraphReportsSettings, MsGraphReportsCredentials>,
): Promise<ConnectionCheck[]> {
  const test = new GraphConnectionTest(context, 'Microsoft Graph reports');
  if (!(await test.credentials())) return test.checks;
  const { settings } = context;
  const report = REPORTS[settings.reports[0]];
  const day = reportWindow(context.now(), 1, settings.lagDays)[0];
  await test.reach(
    'Reports.Read.All',
    `GET /reports/${report.endpoint}`,
    `/reports/${report.endpoint}(date=${day})`,
  );
  return test.checks;
}
