import { readConnector } from '@uptake/ingest/testing';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryCsvConnector } from '.';
import { heapAfterGc } from '../shared/testing/fixture-file';

describe('directory-csv on a large file (memory grows with units, not people)', () => {
  jest.setTimeout(120_000);

  it('streams 120,000 people in 400 units', async () => {
    const people = 120_000;
    const path = join(mkdtempSync(join(tmpdir(), 'uptake-directory-')), 'large-directory.csv');
    const out = createWriteStream(path);
    out.write(
      'person_id,org_unit_id,org_unit_name,parent_org_unit_id,org_unit_kind,manager_id,level,start_date\n',
    );
    for (let n = 1; n <= people; n++) {
      // 20 divisions, each the parent of 19 departments: 20 + 380 = 400 units.
      const department = n % 380;
      const unit =
        n <= 20
          ? `DIV-${n - 1},Division ${n - 1},,division`
          : `DEP-${department},Dept ${department},DIV-${department % 20},department`;
      const line = `person${n}@example.com,${unit},${n > 20 ? `person${(n % 20) + 1}@example.com` : ''},${n <= 20 ? 1 : 2},2020-01-01\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const file = { path, name: 'large-directory.csv', size: statSync(path).size };

    const baseline = heapAfterGc();
    let units = 0;
    let persons = 0;
    let retained = 0;
    for await (const message of readConnector(
      { connector: directoryCsvConnector },
      { settings: {}, file: () => file },
    )) {
      if (message.kind === 'orgUnit') units++;
      if (message.kind === 'person' && ++persons === 100_000) retained = heapAfterGc() - baseline;
      if (message.kind === 'invalid') throw new Error(message.problem.reason);
    }
    expect(units).toBe(400);
    expect(persons).toBe(people);
    // 100,000 person records held would be tens of MB; 400 units are a few KB.
    expect(retained).toBeLessThan(8 * 1024 * 1024);
  });
});
