import {
  ActivitySource,
  createDataSource,
  ensureMember,
  Organisation,
  SyncRun,
  type Role,
} from '@uptake/persistence';
import { hashPassword } from '@uptake/security';

export const DEMO_SLUG = 'demo';

/** Demo sign-ins, one per role, printed by `npm start`. Set LOAD_DEMO=false where that is not wanted. */
export const DEMO_ACCOUNTS: { role: Role; email: string; password: string }[] = [
  { role: 'admin', email: 'admin@demo.uptake.local', password: 'uptake-demo-admin' },
  { role: 'change_manager', email: 'change-manager@demo.uptake.local', password: 'uptake-demo-change' },
  { role: 'executive', email: 'executive@demo.uptake.local', password: 'uptake-demo-executive' },
  { role: 'connector_maintainer', email: 'connectors@demo.uptake.local', password: 'uptake-demo-connectors' },
];

/**
 * What the demo source generates from (its stored settings, the demo connector's): the same on every start,
 * so a restart shows the same company. `endDate` is the history's last day; sources created before it
 * existed have none and keep the generator's fixed period (2026-01-05, 26 weeks).
 */
export interface DemoSettings {
  seed: number;
  people: number;
  endDate?: string;
}

export interface DemoTenant {
  organisationId: string;
  sourceId: string;
  /** True when a sync of the demo source already succeeded (second start reuses the data). */
  loaded: boolean;
  settings: DemoSettings;
}

const DAY_MS = 86_400_000;

/** Yesterday in `timeZone` at `now` (an ISO date): the last whole day a history that ends now can hold. */
export function yesterdayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  const today = Date.parse(`${part('year')}-${part('month')}-${part('day')}T00:00:00Z`);
  return new Date(today - DAY_MS).toISOString().slice(0, 10);
}

/** The stored settings of the demo source, as the launcher reads them back (anything else is ignored). */
function storedSettings(settings: Record<string, unknown>, fallback: DemoSettings): DemoSettings {
  const seed = typeof settings['seed'] === 'number' ? settings['seed'] : fallback.seed;
  const people = typeof settings['people'] === 'number' ? settings['people'] : fallback.people;
  const endDate = typeof settings['endDate'] === 'string' ? settings['endDate'] : undefined;
  return { seed, people, ...(endDate ? { endDate } : {}) };
}

/**
 * Creates the demo organisation, its 'demo' source and demo accounts once; later starts find them again.
 * The source's history ends on `demo.endDate` (DEMO_END_DATE), by default yesterday in the organisation's
 * time zone, fixed when the source is created: later starts keep the data (and the user's changes) they have.
 */
export async function ensureDemoTenant(
  databaseUrl: string,
  demo: { seed: number; people: number; minGroupSize: number; endDate?: string | undefined },
  now: Date = new Date(),
): Promise<DemoTenant> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const tenant = await dataSource.transaction(async (manager) => {
      let organisation = await manager.findOneBy(Organisation, { slug: DEMO_SLUG });
      organisation ??= await manager.save(Organisation, {
        name: 'Demo Company (Northwind + Contoso)',
        slug: DEMO_SLUG,
        minGroupSize: demo.minGroupSize,
      });
      let source = await manager.findOneBy(ActivitySource, {
        organisationId: organisation.id,
        connectorType: 'demo',
      });
      source ??= await manager.save(ActivitySource, {
        organisationId: organisation.id,
        name: 'Demo generator',
        connectorType: 'demo',
        settings: {
          seed: demo.seed,
          people: demo.people,
          endDate: demo.endDate ?? yesterdayIn(organisation.timeZone, now),
        },
      });
      const loaded = await manager.existsBy(SyncRun, { sourceId: source.id, status: 'succeeded' });
      const settings = storedSettings(source.settings, demo);
      return { organisationId: organisation.id, sourceId: source.id, loaded, settings };
    });
    for (const account of DEMO_ACCOUNTS) {
      await ensureMember(dataSource, {
        email: account.email,
        passwordHash: () => hashPassword(account.password),
        organisationId: tenant.organisationId,
        role: account.role,
      });
    }
    return tenant;
  } finally {
    await dataSource.destroy();
  }
}
