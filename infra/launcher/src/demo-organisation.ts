import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';

export const DEMO_SLUG = 'demo';

export interface DemoTenant {
  organisationId: string;
  sourceId: string;
  /** True when a sync of the demo source already succeeded (second start reuses the data). */
  loaded: boolean;
}

/** Creates the demo organisation and its 'demo' source once; later starts find them again. */
export async function ensureDemoTenant(
  databaseUrl: string,
  demo: { seed: number; people: number },
): Promise<DemoTenant> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    return await dataSource.transaction(async (manager) => {
      let organisation = await manager.findOneBy(Organisation, { slug: DEMO_SLUG });
      organisation ??= await manager.save(Organisation, {
        name: 'Demo Company (Northwind + Contoso)',
        slug: DEMO_SLUG,
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
  } finally {
    await dataSource.destroy();
  }
}
