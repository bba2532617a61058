import type { AdoptionReport, GoalView } from '@uptake/contracts';
import { BusinessGoal } from '@uptake/persistence';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { pptxSlides, readExportedCsv, zipEntries } from '@uptake/testing';
import { extractText } from 'unpdf';
import { seedActivity } from '../../test/conformance-fixture';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from '../../test/support';
import { formats } from './locale';

/*
 * Exports over HTTP, on the conformance organisation (k = 3; Sales a, b, c; HR d, e; f outside the directory;
 * a few days of activity in March 2026): the files' figures are the JSON reports' figures, withheld ones stay
 * empty with their reason, and every export is guarded and audited like its report.
 */
const RANGE = 'from=2026-03-02&to=2026-03-29';
const WITHHELD = 'Withheld: rests on fewer than 3 people';

/** supertest's raw body as a Buffer (it would parse text/csv as text and leave binary bodies empty). */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('exports', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();
  const url = (path: string) => `/api/organisations/${tenant.organisation.id}/${path}`;
  const get = (path: string, role: keyof TestTenant['tokens'] = 'executive') =>
    request(server())
      .get(url(path))
      .set(...bearer(tenant.tokens[role]));
  const download = (path: string, role: keyof TestTenant['tokens'] = 'executive') =>
    get(path, role).buffer(true).parse(binary);

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'exports');
    await seedActivity(api.dataSource, tenant);
    // A goal whose name a spreadsheet would run as a formula, and a second adoption goal with a deadline.
    await api.dataSource.getRepository(BusinessGoal).save([
      {
        organisationId: tenant.organisation.id,
        name: '=HYPERLINK("https://evil.example","click")',
        kpi: 'weekly_active_rate',
        baseline: 0,
        target: 0.4,
      },
      {
        organisationId: tenant.organisation.id,
        name: 'Half of us by summer',
        kpi: 'adoption_rate',
        baseline: 0.1,
        target: 0.5,
        deadline: '2026-06-30',
      },
    ]);
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('exports adoption as CSV with the JSON report’s figures, a withheld figure empty with its reason', async () => {
    const json = (await get(`kpis/adoption?${RANGE}`).expect(200)).body as AdoptionReport;
    const response = await download(`exports/adoption?${RANGE}`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="uptake-adoption-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    const csv = readExportedCsv(response.body as Buffer);
    expect(csv.header.get('Report')).toBe('Adoption');
    expect(csv.header.get('Organisation')).toBe('exports');
    expect(csv.header.get('Period')).toBe('2 Mar 2026 – 29 Mar 2026');
    expect(csv.header.get('Minimum group size (k)')).toBe('3');
    expect(csv.header.get('Filters')).toBe('Granularity: week');
    expect(csv.header.get('Table')).toBe('Per period');
    expect(csv.rows).toHaveLength(json.points.length);
    expect(json.points.length).toBe(4);

    const figures = [
      'eligible',
      'active',
      'activated',
      'adoptionRate',
      'weeklyActive',
      'monthlyActive',
      'stickiness',
    ] as const;
    const labels: Record<(typeof figures)[number], string> = {
      eligible: 'Eligible people',
      active: 'Active people',
      activated: 'Activated people',
      adoptionRate: 'Adoption rate',
      weeklyActive: 'Weekly active',
      monthlyActive: 'Monthly active',
      stickiness: 'Stickiness (DAU / MAU)',
    };
    let withheld = 0;
    json.points.forEach((point, index) => {
      const row = csv.rows[index];
      expect(row['Start']).toBe(point.start);
      for (const figure of figures) {
        const value = point[figure];
        if (value === null) {
          expect(row[labels[figure]]).toBe('');
          if (point.suppressed) {
            expect(row[`${labels[figure]} note`]).toBe(WITHHELD);
            withheld++;
          }
        } else {
          expect(Number(row[labels[figure]])).toBe(value);
        }
      }
    });
    // the fixture has withheld weeks (f and d alone in the week of 9 March)
    expect(withheld).toBeGreaterThan(0);
  });

  it('exports every table as an XLSX sheet: typed numbers, the reason as a note column and a cell comment', async () => {
    const json = (await get(`kpis/retention?${RANGE}`).expect(200)).body;
    const response = await download(`exports/retention?${RANGE}&format=xlsx`).expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Report',
      'Cohorts',
      'Org units',
      'Summary',
    ]);
    expect(workbook.getWorksheet('Report')!.getCell('B1').value).toBe('Retention');

    // exceljs writes a comment on an empty cell but does not read it back: read the comments' XML instead
    const entries = await zipEntries(response.body as Buffer);
    const sheetIndex = workbook.worksheets.findIndex((sheet) => sheet.name === 'Cohorts') + 1;
    const relations = entries.get(`xl/worksheets/_rels/sheet${sheetIndex}.xml.rels`) ?? '';
    const commentsFile = /Target="\.\.\/(comments\d+\.xml)"/.exec(relations)?.[1];
    const comments = new Map(
      [
        ...(entries.get(`xl/${commentsFile}`) ?? '').matchAll(
          /<comment ref="([A-Z]+\d+)"[^>]*>.*?<t>([^<]*)<\/t>/g,
        ),
      ].map((match) => [match[1], match[2]]),
    );
    const cohorts = workbook.getWorksheet('Cohorts')!;
    expect(cohorts.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cohorts.getRow(1).font?.bold).toBe(true);
    const header = (cohorts.getRow(1).values as unknown[]).slice(1);
    const sizeColumn = header.indexOf('Cohort size') + 1;
    expect(cohorts.rowCount - 1).toBe(json.cohorts.length);
    let withheld = 0;
    json.cohorts.forEach(
      (cohort: { size: number | null; retained: (number | null)[]; suppressed?: unknown }, index: number) => {
        const row = cohorts.getRow(index + 2);
        expect(row.getCell(sizeColumn).value).toBe(cohort.size);
        cohort.retained.forEach((share, week) => {
          const cell = row.getCell(header.indexOf(`Retained in week ${week}`) + 1);
          expect(cell.value).toBe(share);
          if (share === null && cohort.suppressed) {
            expect(comments.get(cell.address)).toBe(WITHHELD);
            expect(row.getCell(header.indexOf(`Retained in week ${week} note`) + 1).value).toBe(WITHHELD);
            withheld++;
          } else {
            expect(typeof cell.value).toBe('number');
            expect(cell.numFmt).toBe('0.0%');
          }
        });
      },
    );
    expect(withheld).toBeGreaterThan(0);

    const summary = workbook.getWorksheet('Summary')!;
    const rows = new Map<string, ExcelJS.Row>();
    summary.eachRow((row, number) => {
      if (number > 1) rows.set(String(row.getCell(1).value), row);
    });
    expect(rows.get('Silent weeks counted as stopped')!.getCell(2).value).toBe(json.silentWeeks);
    for (const [label, figure] of [
      ['Activated people', 'activated'],
      ['Tried and stopped', 'triedAndStopped'],
      ['Reactivated', 'reactivated'],
    ] as const) {
      const row = rows.get(label)!;
      expect(row.getCell(2).value).toBe(json[figure]);
      if (json[figure] === null && json.suppressed) {
        expect(row.getCell(3).value).toBe(WITHHELD);
        expect(row.getCell(2).value).toBeNull();
      }
    }
  });

  it('writes labels, periods and numbers in Dutch', async () => {
    const response = await download(`exports/adoption?${RANGE}&locale=nl`).expect(200);
    const csv = readExportedCsv(response.body as Buffer);
    expect(csv.header.get('Rapport')).toBe('Adoptie');
    expect(csv.header.get('Periode')).toBe('2 mrt 2026 – 29 mrt 2026');
    expect(csv.columns).toContain('Adoptiegraad');
  });

  it("writes in the user's own language, else the organisation's, when the request names none", async () => {
    const header = async () =>
      readExportedCsv((await download(`exports/adoption?${RANGE}`).expect(200)).body as Buffer).header;
    const executive = tenant.users.executive.id;
    try {
      await api.dataSource.query(`UPDATE users SET locale = 'nl' WHERE id = $1`, [executive]);
      expect((await header()).get('Rapport')).toBe('Adoptie');
      await api.dataSource.query(`UPDATE users SET locale = NULL WHERE id = $1`, [executive]);
      expect((await header()).get('Report')).toBe('Adoption');
      await api.dataSource.query(`UPDATE organisations SET default_locale = 'nl' WHERE id = $1`, [
        tenant.organisation.id,
      ]);
      expect((await header()).get('Rapport')).toBe('Adoptie');
    } finally {
      await api.dataSource.query(`UPDATE organisations SET default_locale = 'en' WHERE id = $1`, [
        tenant.organisation.id,
      ]);
    }
  });

  it('guards a goal name a spreadsheet would run as a formula', async () => {
    const response = await download('exports/goals').expect(200);
    const csv = readExportedCsv(response.body as Buffer);
    const names = csv.rows.map((row) => row['Name']);
    expect(names).toContain(`'=HYPERLINK("https://evil.example","click")`);
    expect(names).not.toContain(`=HYPERLINK("https://evil.example","click")`);
    // another table by name; an unknown one is a 400 listing the tables
    const series = readExportedCsv((await download('exports/goals?table=series').expect(200)).body as Buffer);
    expect(series.columns).toEqual(['Goal', 'Week', 'Value']);
    const unknown = await get('exports/goals?table=points').expect(400);
    expect(unknown.body.message).toEqual(['table must be one of goals, series (got "points")']);
  });

  it('answers 400 naming the field for an unknown report, format, locale or report query', async () => {
    const report = await get('exports/sales-figures').expect(400);
    expect(report.body.message[0]).toMatch(
      /^report must be one of overview, adoption, .*community\/\{groupId\}.* \(got "sales-figures"\)$/,
    );
    const format = await get('exports/adoption?format=docx').expect(400);
    expect(format.body.message).toEqual(['format must be one of csv, xlsx']);
    const pdfTable = await get('exports/adoption?format=pdf').expect(400);
    expect(pdfTable.body.message).toEqual(['format must be one of csv, xlsx']);
    const locale = await get('exports/adoption?locale=fr').expect(400);
    expect(locale.body.message).toEqual(['locale must be one of en, nl (got "fr")']);
    const query = await get('exports/adoption?granularity=year').expect(400);
    expect(query.body.message).toEqual(['granularity must be one of day, week, month']);
    const extra = await get('exports/adoption?colour=red').expect(400);
    expect(extra.body.message).toEqual(['property colour should not exist']);
  });

  it('guards each export like its report, and audits every export', async () => {
    await get('exports/adoption', 'connector_maintainer').expect(403);
    await get('exports/people', 'change_manager').expect(403);
    await get('exports/people', 'executive').expect(403);
    await get('exports/network-people', 'executive').expect(403);
    const people = readExportedCsv(
      (await download(`exports/people?${RANGE}`, 'admin').expect(200)).body as Buffer,
    );
    expect(people.rows.map((row) => row['Pseudonym']).length).toBeGreaterThan(0);

    const [event] = await api.dataSource.query(
      `SELECT action, actor_user_id, target_type, target_id, details FROM audit_events
        WHERE organisation_id = $1 AND action = 'report.exported' AND target_id = 'people'`,
      [tenant.organisation.id],
    );
    expect(event).toMatchObject({
      action: 'report.exported',
      actor_user_id: tenant.users.admin.id,
      target_type: 'report',
      target_id: 'people',
      details: {
        report: 'people',
        format: 'csv',
        locale: 'en',
        filters: { from: '2026-03-02', to: '2026-03-29', granularity: 'week', limit: 50 },
      },
    });
    // a refused export writes nothing
    const refused = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1 AND action = 'report.exported'
          AND actor_user_id = $2`,
      [tenant.organisation.id, tenant.users.change_manager.id],
    );
    expect(refused).toEqual([{ n: 0 }]);
  });

  it('exports a rollout phase’s comparison and gate evaluations as tables', async () => {
    const phase = `rollouts/${tenant.plan.id}/phases/${tenant.phase.id}`;
    const json = (await get(`${phase}/comparison?${RANGE}`).expect(200)).body;
    const csv = readExportedCsv(
      (await download(`exports/${phase}/comparison?${RANGE}`).expect(200)).body as Buffer,
    );
    expect(csv.header.get('Report')).toBe('Rollout phase vs comparison');
    expect(csv.rows.map((row) => row['Metric'])).toEqual(
      json.metrics.map((metric: { label: string }) => metric.label),
    );
    json.metrics.forEach((metric: { phase: number | null }, index: number) => {
      expect(csv.rows[index]['Phase']).toBe(metric.phase === null ? '' : String(metric.phase));
    });
    const evaluations = readExportedCsv(
      (await download(`exports/${phase}/evaluations`).expect(200)).body as Buffer,
    );
    expect(evaluations.columns).toEqual(['Evaluated at (UTC)', 'Data up to', 'Trigger', 'Status', 'People']);
    // another organisation's plan is not found through this one, as for the JSON endpoint
    await get(
      `exports/rollouts/9d0e7c58-0b1a-4c3e-9f0a-0123456789ab/phases/${tenant.phase.id}/comparison`,
    ).expect(404);
  });

  it('exports the overview as a PDF with the headline figure and every goal', async () => {
    const adoption = (await get(`kpis/adoption?${RANGE}&granularity=week`).expect(200))
      .body as AdoptionReport;
    const goals = (await get('goals').expect(200)).body as GoalView[];
    const response = await download(`exports/overview?${RANGE}`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { text, totalPages } = await extractText(new Uint8Array(response.body as Buffer), {
      mergePages: true,
    });
    const latest = adoption.points.at(-1)!;
    expect(latest.adoptionRate).not.toBeNull();
    expect(text).toContain(formats('en').share(latest.adoptionRate!));
    for (const goal of goals) expect(text).toContain(goal.name);
    expect(text).toContain('Target: 50% by 30 Jun 2026 (Half of us by summer)');
    // title page, headline, goals, rollout, one page per goal
    expect(totalPages).toBe(4 + goals.length);
  });

  it('exports the overview and the business case as decks: fixed slides plus one per goal', async () => {
    const goals = (await get('goals').expect(200)).body as GoalView[];
    expect(goals.length).toBe(3);
    const slides = async (path: string) => {
      const response = await download(path).expect(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      );
      return pptxSlides(response.body as Buffer);
    };
    const overview = await slides(`exports/overview?${RANGE}&format=pptx`);
    expect(overview).toHaveLength(4 + goals.length);
    expect(overview.some((xml) => xml.includes('Half of us by summer'))).toBe(true);
    // XML-escaped in the slide, never a formula there
    expect(overview.some((xml) => xml.includes('=HYPERLINK(&quot;https://evil.example&quot;'))).toBe(true);

    const businessCase = await slides('exports/business-case?format=pptx&locale=nl');
    expect(businessCase).toHaveLength(5 + goals.length);
    expect(businessCase.some((xml) => xml.includes('Waarde en rendement'))).toBe(true);
  });

  it('exports the business case as a PDF and as tables', async () => {
    const pdf = await download('exports/business-case?format=pdf').expect(200);
    const { text } = await extractText(new Uint8Array(pdf.body as Buffer), { mergePages: true });
    expect(text).toContain('Value and return');
    expect(text).toContain('test goal');
    const csv = readExportedCsv((await download('exports/business-case').expect(200)).body as Buffer);
    expect(
      csv.header.get(
        'Observational estimate: the groups were not randomised, so an effect is an association, not proven impact',
      ),
    ).toBe('yes');
    expect(csv.rows.map((row) => row['Name'])).toContain('Half of us by summer');
  });
});
