import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DASHBOARD_FIRST_REQUESTS } from './precompute';

/*
 * The precomputed requests must be the ones the dashboard sends, or the API's first request of a page misses
 * the table. The lib cannot import the app, so this reads the dashboard's constants from its sources.
 */
const DASHBOARD = path.resolve(__dirname, '../../../../../apps/dashboard/src/app');
const constant = (file: string, name: string): string => {
  const match = readFileSync(path.join(DASHBOARD, file), 'utf8').match(
    new RegExp(`export const ${name} = ([0-9.]+);`),
  );
  if (!match) throw new Error(`${name} not found in ${file}: update this spec and DASHBOARD_FIRST_REQUESTS`);
  return match[1];
};
const query = (endpoint: string) =>
  (DASHBOARD_FIRST_REQUESTS.find((request) => request.endpoint === endpoint)?.query ?? {}) as Record<
    string,
    string
  >;

describe('DASHBOARD_FIRST_REQUESTS', () => {
  it("uses the dashboard's default options", () => {
    expect(query('retention')['silentWeeks']).toBe(
      constant('adoption/retention-section.component.ts', 'SILENT_WEEKS'),
    );
    expect(query('diffusion')['targetShare']).toBe(
      constant('adoption/diffusion-section.component.ts', 'DEFAULT_TARGET_SHARE'),
    );
    expect(query('first-post')['responseHours']).toBe(
      constant('adoption/first-post.ts', 'FIRST_POST_RESPONSE_HOURS'),
    );
  });

  it("covers every report the dashboard's pages load", () => {
    // the overview's adoption request is not a kpiReport() call
    expect(readFileSync(path.join(DASHBOARD, 'overview/overview.page.ts'), 'utf8')).toContain(
      "organisationUrl('kpis/adoption', { granularity: 'week'",
    );
    const loaded = new Set<string>(['adoption']);
    for (const folder of ['adoption', 'communities']) {
      for (const file of readdirSync(path.join(DASHBOARD, folder))) {
        if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
        const text = readFileSync(path.join(DASHBOARD, folder, file), 'utf8');
        for (const match of text.matchAll(/kpiReport<\w+>\(\s*'([a-z/-]+)'/g)) loaded.add(match[1]);
      }
    }
    expect([...loaded].sort()).toEqual(DASHBOARD_FIRST_REQUESTS.map((request) => request.endpoint).sort());
  });
});
