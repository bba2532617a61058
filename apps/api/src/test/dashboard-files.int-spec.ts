import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

describe('the API serving the built dashboard', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-dist-'));

  beforeAll(async () => {
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>Uptake</title><up-root></up-root>',
    );
    fs.writeFileSync(path.join(dist, 'main-ABCDEFGH.js'), 'console.log(1)');
    api = await startTestApi({ DASHBOARD_DIST: dist });
    tenant = await createTenant(api.dataSource, 'static');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers client-side routes with index.html, never cached', async () => {
    const page = await request(api.app.getHttpServer())
      .get('/login?returnUrl=%2F')
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain('<up-root>');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('lets browsers keep hashed bundles', async () => {
    const bundle = await request(api.app.getHttpServer()).get('/main-ABCDEFGH.js').expect(200);
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps API errors as they are: unknown API route 404 JSON, malformed JSON 400', async () => {
    const unknown = await request(api.app.getHttpServer())
      .get('/api/nothing-here')
      .set('Accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain('<up-root>');
    const broken = await request(api.app.getHttpServer())
      .post(`/api/organisations/${tenant.organisation.id}/sources`)
      .set(...bearer(tenant.tokens.admin))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(broken.status).toBe(400);
  });
});
