// `rolebook import` as an operator runs it (the built CLI on real CSV files): the sample product
// org dry, then for real, then again (nothing changes), read by the API afterwards with the drift
// its structure shows; a file with bad rows (reported by line, the good rows imported, exit 2);
// --map for another export's header; usage errors (2) and what is not found (3).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from './support/api';
import { CLI, root, run } from './support/built-app';

const SAMPLE = join(root, 'docs', 'examples', 'product-org.csv');
const HEADER = 'employee_id,name,email,job_title,manager,team,start_date,end_date,allocation';

interface JsonReport {
  runId: string;
  dryRun: boolean;
  counts: Record<'created' | 'updated' | 'terminated' | 'unchanged' | 'refused', number>;
  newRoles: { name: string; referenceRoleKey: string }[];
  newTeams: { name: string }[];
  records: { line: number; employeeId: string; outcome: string; changes: string[]; role: string | null; refusal: { reason: string; message: string } | null }[];
}

describe('rolebook import (the built CLI)', () => {
  let dir: string;
  let env: Record<string, string>;
  const rolebook = (...args: string[]) => run(CLI, { LOG_LEVEL: 'silent', ...env }, args);
  const json = async (...args: string[]) => {
    const result = await rolebook(...args, '--format', 'json');
    return { ...result, report: JSON.parse(result.stdout) as JsonReport };
  };
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-import-'));
    env = { DATA_DIR: dir };
    expect((await rolebook('tenants', 'create', 'acme')).code).toBe(0);
  }, 30_000);
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rolebook import --help: its usage, fields and exit codes, exit 0', async () => {
    const help = await run(CLI, { DATA_DIR: dir, PORT: 'not a port' }, ['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rolebook import [options] <file>');
    for (const text of ['--tenant <slug>', '--map <field=column,...>', '--dry-run', '--format <format>', 'Exit codes: 0 every row imported'])
      expect(help.stdout).toContain(text);
  }, 30_000);

  it('imports the sample product org: dry run first (nothing changes), then for real, then again (nothing changes)', async () => {
    const dry = await rolebook('import', SAMPLE, '--tenant', 'acme', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run [0-9a-f-]{36} of 42 rows into tenant acme: 42 created, 0 updated, 0 terminated, 0 unchanged, 0 refused/);
    expect(dry.stdout).toContain('Teams that would be created: Product Leadership, Checkout, Search, Growth, Platform, Engineering Leadership, Design, Data');
    expect(dry.stdout).toMatch(/\n9 +E008 +created +created, manager, role, team +Associate Product Manager/);
    // no personal data in the report: ids and lines only
    expect(dry.stdout).not.toMatch(/@example\.com|Okafor/);
    const stillDry = await json('import', SAMPLE, '--tenant', 'acme', '--dry-run');
    expect(stillDry.report.counts.created).toBe(42);

    const applied = await json('import', SAMPLE, '--tenant', 'acme');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toBe(''); // no progress bar when stderr is no terminal
    expect(applied.report.counts).toEqual({ created: 42, updated: 0, terminated: 0, unchanged: 0, refused: 0 });
    expect(applied.report.newRoles.map((r) => r.referenceRoleKey)).toContain('product-owner');
    expect(applied.report.records.find((r) => r.employeeId === 'E035')!.changes).toContain('terminated');

    const again = await json('import', SAMPLE, '--tenant', 'acme');
    expect(again.code).toBe(0);
    expect(again.report.counts).toEqual({ created: 0, updated: 0, terminated: 0, unchanged: 42, refused: 0 });
    expect(again.report.newRoles).toEqual([]);
    expect(again.report.newTeams).toEqual([]);

    // the API reads what the CLI wrote, and the drift check finds what the sample is built to show
    const api = await startApi(dir);
    try {
      const headers = await api.as('admin', { tenant: 'acme' });
      const people = await api.gql('{ people(first: 1) { totalCount } org { stats { headcount teams roles vacantRoles } } }', undefined, headers);
      expect(people.errors).toBeUndefined();
      // E042 starts in 2027, E035 left in 2025
      expect(people.data.people.totalCount).toBe(41);
      expect(people.data.org.stats).toMatchObject({ headcount: 40, teams: 8, roles: 14 });
      await api.rolebook.drift.runCheck('acme', 'manual');
      const findings = await api.gql('{ driftFindings(first: 100) { edges { node { ruleId } } } }', undefined, headers);
      const rules = new Set((findings.data.driftFindings.edges as { node: { ruleId: string } }[]).map((e) => e.node.ruleId));
      for (const rule of ['span-of-control', 'ladder-inversion', 'individual-contributor-with-reports', 'phase-coverage']) expect(rules).toContain(rule);
    } finally {
      await api.dispose();
    }
  }, 240_000);

  it('reports bad rows by line with their reason and imports the good ones (exit 2)', async () => {
    const path = file('bad.csv', [
      HEADER,
      'E1,Ada Lovelace,ada@example.com,Head of Product,,Product,2020-01-06,,',
      'E2,Alan Turing,alan@example.com,Product Manager,E1,Product,2021-02-01,,',
      'E3,Grace Hopper,grace@example.com,Software Engineer,E99,Product,2021-02-01,,',
      'E4,Edsger Dijkstra,edsger@example.com,Software Engineer,E5,Product,2021-02-01,,',
      'E5,Barbara Liskov,barbara@example.com,Software Engineer,E4,Product,2021-02-01,,',
      'E6,Donald Knuth,donald@example.com,Software Engineer,E1,Product,2021-13-01,,',
      'E2,Ken Thompson,ken@example.com,Software Engineer,E1,Product,2021-02-01,,',
      'E7,Frances Allen,frances@example.com,Product Owner,E1,Product,2021-02-01,,150',
      'E8,John Backus,john@example.com,Product Designer,alan@example.com,Product,2022-03-01,,',
    ]);
    const result = await json('import', path, '--tenant', 'acme');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: 8 of 9 rows refused (see the report); the others were imported\n');
    expect(result.report.records.filter((r) => r.outcome === 'refused').map((r) => [r.line, r.employeeId, r.refusal!.reason])).toEqual([
      [3, 'E2', 'DUPLICATE_EMPLOYEE_ID'],
      [4, 'E3', 'UNKNOWN_MANAGER'],
      [5, 'E4', 'REPORTING_CYCLE'],
      [6, 'E5', 'REPORTING_CYCLE'],
      [7, 'E6', 'BAD_DATE'],
      [8, 'E2', 'DUPLICATE_EMPLOYEE_ID'],
      [9, 'E7', 'ALLOCATION_EXCEEDED'],
      // E8's manager is E2 (by email), whose rows are refused and who is not in Rolebook
      [10, 'E8', 'MANAGER_REFUSED'],
    ]);
    expect(result.report.counts).toMatchObject({ created: 1, refused: 8 });
    expect(result.stdout).not.toMatch(/Lovelace|@example/);
    // the good row is in: the same file again finds it unchanged
    const table = await rolebook('import', path, '--tenant', 'acme');
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/1 unchanged, 8 refused/);
    expect(table.stdout).toMatch(/\n10 +E8 +refused .*MANAGER_REFUSED: the manager's row \(line 8\) is refused/);
  }, 120_000);

  it('reads another export through --map, and refuses what it cannot read with exit 2 or 3', async () => {
    const path = file('bamboo.csv', [
      'Employee #,Full name,Work Email,Job Title,Reports To',
      '101,Ada Lovelace,ada@example.com,Product Manager,',
      '102,Alan Turing,alan@example.com,Designer,101',
    ]);
    const mapped = await json(
      'import',
      path,
      '--tenant',
      'acme',
      '--map',
      'employee_id=Employee #,name=Full name,email=Work Email',
      '--map',
      'job_title=Job Title,manager=Reports To',
    );
    expect(mapped.code).toBe(0);
    expect(mapped.report.records.map((r) => [r.employeeId, r.outcome, r.role])).toEqual([
      ['101', 'created', 'Product Manager'],
      ['102', 'created', 'Product Designer'],
    ]);

    const cases: [string[], number, RegExp][] = [
      [['import', path, '--tenant', 'acme'], 2, /the header has no column "employee_id" \(employee_id\), "name" \(name\): name the columns with --map/],
      [['import', path, '--tenant', 'acme', '--map', 'salary=Pay'], 2, /--map names an unknown field "salary"/],
      [['import', path, '--tenant', 'acme', '--format', 'xml'], 2, /Allowed choices are table, json/],
      [['import', path], 2, /required option '--tenant <slug>' not specified/],
      [['import', join(dir, 'missing.csv'), '--tenant', 'acme'], 3, /no file .*missing\.csv/],
      [['import', SAMPLE, '--tenant', 'nope'], 3, /Tenant "nope" not found/],
    ];
    for (const [args, code, message] of cases) {
      const result = await rolebook(...args);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
