/** What the ready banner tells: where to go, who to sign in as, where the data is, how to stop. */
export interface ReadyInfo {
  baseUrl: string;
  dashboardBuilt: boolean;
  /** The demo organisation, when loaded: its sign-ins and the days its history covers. */
  demo?: {
    accounts: readonly { role: string; email: string; password: string }[];
    start: string;
    endDate: string;
  };
  /** The data folder (secret key, spool, outbox; the embedded stores' data when they run). */
  dataDir: string;
  /** Which stores the launcher runs embedded (their data is in dataDir); the others are DATABASE_URL / REDIS_URL. */
  embedded: readonly string[];
  /** Where e-mails go without SMTP_URL. */
  outboxDir: string | undefined;
}

/**
 * The lines `npm start` prints once everything is up. The Dashboard, API docs and "Press Ctrl-C to stop."
 * lines are what scripts (and the e2e tests) wait for: keep their wording.
 */
export function readyBanner(info: ReadyInfo): string[] {
  const dashboard = `${info.baseUrl}/`;
  const lines = [
    `Uptake is running: open ${dashboard}`,
    `  Dashboard  ${dashboard}${info.dashboardBuilt ? '' : '   (not built: run `npx nx run dashboard:build`)'}`,
    `  API docs   ${info.baseUrl}/api/docs`,
    `  Health     ${info.baseUrl}/api/health`,
  ];
  if (info.demo) {
    lines.push(`Demo sign-ins (organisation "demo", activity ${info.demo.start} to ${info.demo.endDate}):`);
    for (const account of info.demo.accounts)
      lines.push(`  ${account.role.padEnd(21)} ${account.email.padEnd(34)} ${account.password}`);
  }
  const stores =
    info.embedded.length > 0
      ? `${info.embedded.map(storeName).join(' and ')} in ${info.dataDir}`
      : `${info.dataDir} (the stores are DATABASE_URL and REDIS_URL)`;
  lines.push(`Data:     ${stores}`);
  if (info.outboxDir) lines.push(`E-mails:  written to ${info.outboxDir} (set SMTP_URL to send them)`);
  lines.push('Press Ctrl-C to stop. The data stays for the next start (delete the folder to start afresh).');
  return lines;
}

function storeName(store: string): string {
  return store === 'postgres' ? 'PostgreSQL' : store === 'redis' ? 'Redis' : store;
}
