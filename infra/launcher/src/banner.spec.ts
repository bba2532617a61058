import { readyBanner, type ReadyInfo } from './banner';
import { DEMO_ACCOUNTS } from './demo-organisation';

const INFO: ReadyInfo = {
  baseUrl: 'http://127.0.0.1:3000',
  dashboardBuilt: true,
  demo: { accounts: DEMO_ACCOUNTS, start: '2026-06-08', endDate: '2026-11-30' },
  dataDir: '/work/main/.data',
  embedded: ['postgres', 'redis'],
  outboxDir: '/work/main/.data/outbox',
};

describe('the ready banner', () => {
  it('says where to go, who to sign in as, where the data is and how to stop', () => {
    expect(readyBanner(INFO)).toEqual([
      'Uptake is running: open http://127.0.0.1:3000/',
      '  Dashboard  http://127.0.0.1:3000/',
      '  API docs   http://127.0.0.1:3000/api/docs',
      '  Health     http://127.0.0.1:3000/api/health',
      'Demo sign-ins (organisation "demo", activity 2026-06-08 to 2026-11-30):',
      '  admin                 admin@demo.uptake.local            uptake-demo-admin',
      '  change_manager        change-manager@demo.uptake.local   uptake-demo-change',
      '  executive             executive@demo.uptake.local        uptake-demo-executive',
      '  connector_maintainer  connectors@demo.uptake.local       uptake-demo-connectors',
      'Data:     PostgreSQL and Redis in /work/main/.data',
      'E-mails:  written to /work/main/.data/outbox (set SMTP_URL to send them)',
      'Press Ctrl-C to stop. The data stays for the next start (delete the folder to start afresh).',
    ]);
  });

  it('without the demo, a built dashboard or embedded stores, says so', () => {
    const lines = readyBanner({
      ...INFO,
      demo: undefined,
      dashboardBuilt: false,
      embedded: [],
      outboxDir: undefined,
    });
    expect(lines.some((line) => line.startsWith('Demo sign-ins'))).toBe(false);
    expect(lines).toContain(
      '  Dashboard  http://127.0.0.1:3000/   (not built: run `npx nx run dashboard:build`)',
    );
    expect(lines).toContain('Data:     /work/main/.data (the stores are DATABASE_URL and REDIS_URL)');
    expect(lines.some((line) => line.startsWith('E-mails'))).toBe(false);
    // what scripts and the e2e tests wait for
    expect(lines.at(-1)).toContain('Press Ctrl-C to stop.');
  });
});
