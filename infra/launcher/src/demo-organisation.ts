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

export interface DemoTenant {
  organisationId: string;
  sourceId: string;
  /** True when a sync of the demo source already succeeded (second start reuses the data). */
  loaded: boolean;
}

/** Creates the demo organisation, its 'demo' source and demo accounts once; later starts find them again. */
export async function ensureDemoTenant(
  databaseUrl: string,
  demo: { seed: number; people: number; minGroupSize: number },
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
        settings: { seed: demo.seed, people: demo.people },
      });
      const loaded = await manager.existsBy(SyncRun, { sourceId: source.id, status: 'succeeded' });
      return { organisationId: organisation.id, sourceId: source.id, loaded };
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
