// The built `rolebook export` and `rolebook drift` commands as an operator runs them, on a tenant
// populated through the application layer (the demo organization, then changes over GraphQL): each
// export parses back to what the read side says at the instants asked, drift check prints the open
// findings, reports group them by rule with their citations (HTML escaped); bad input exits 2,
// an unknown tenant 3, and names never reach stderr.
import { FINDING_STATUSES, inForceAt, type FindingSubject } from '@rolebook/domain';
import { describeRule } from '@rolebook/drift';
import type { FindingView, HistoryEntry, OrgSnapshotData, Page, PageRequest } from '@rolebook/projections';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoId, loadDemoOrganization } from '../apps/api/src/demo/demo-organization';
import { escapeHtml, escapeMarkdown } from '../apps/cli/src/output/escape';
import { startApi, type TestApi } from './support/api';
import { CLI, run } from './support/built-app';

const TENANT = 'acme';
const AS_OF = '2026-06-30T00:00:00.000Z';
const ODD_ROLE = 'Research & <Development> "Lead" <script>alert(1)</script>';
const CORRECTED_TITLE = 'Product Owner, "Payments" & Billing';

/** Every item of a paged read of the read side. */
const all = <T>(read: (page: PageRequest) => Page<T>): T[] => {
  const items: T[] = [];
  for (let after: string | null = null; ;) {
    const page = read({ first: 200, after });
    items.push(...page.items.map((e) => e.node));
    if (!page.hasNextPage) return items;
    after = page.items[page.items.length - 1]!.cursor;
  }
};

/** What the read side says of each person at the snapshot's instant, in the export's terms (lists as sets). */
const peopleOf = (org: OrgSnapshotData) =>
  org.people
    .map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      title: p.title,
      status: p.status,
      managerId: p.managerId,
      teamIds: org.teams
        .filter((t) => t.memberIds.includes(p.id))
        .map((t) => t.id)
        .sort(),
      roles: p.assignments
        .filter((a) => inForceAt(a, org.at))
        .map((a) => `${a.roleId}:${a.allocationPercent}`)
        .sort(),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

const csv = (text: string): Record<string, string>[] => parse(text, { columns: true });
const split = (cell: string): string[] => (cell === '' ? [] : cell.split('; '));

const personalData = ['Maya Chen', 'Luis Ortega', 'maya.chen@example.com', 'Priya', 'Payments'];
const noPersonalData = (text: string) => personalData.forEach((value) => expect(text).not.toContain(value));
const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at /);

describe('rolebook export and drift (the built CLI)', () => {
  let api: TestApi;
  let dir: string;
  let beforeCorrection: string;
  const rolebook = (...args: string[]) => run(CLI, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-cli-export-'));
    api = await startApi(dir);
    await api.access.tenants.create(TENANT, new Date().toISOString());
    expect(await loadDemoOrganization(api.rolebook, TENANT)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    beforeCorrection = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // recorded now, in effect since 2025: a correction (known at one instant, not at the other) and a role nobody holds
    const editor = await api.as('editor', { tenant: TENANT });
    const corrected = await api.gql(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { changed } }`,
      { input: { personId: demoId('person:priya'), title: CORRECTED_TITLE, effectiveAt: '2025-05-01T00:00:00Z', reason: 'HRIS title corrected' } },
      editor,
    );
    expect(corrected.errors).toBeUndefined();
    const defined = await api.gql(
      `mutation($input: DefineRoleInput!) { defineRole(input: $input) { changed } }`,
      { input: { name: ODD_ROLE, purpose: 'Looks into what comes next.', effectiveAt: '2025-01-01T00:00:00Z' } },
      editor,
    );
    expect(defined.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = (asOf: string, knownAt: string | null = null) => api.rolebook.queries.snapshot(TENANT, { asOf, knownAt });

  describe('export org', () => {
    it('as JSON: every person at the instant, with title, manager, teams, roles and allocations, as the read side says', async () => {
      const result = await rolebook('export', 'org', '--tenant', TENANT, '--as-of', '2026-06-30');
      expect(result.code).toBe(0);
      const document = JSON.parse(result.stdout);
      expect(document).toMatchObject({ export: 'org', tenant: TENANT, asOf: AS_OF, knownAt: null });
      const org = snapshot(AS_OF);
      expect(
        document.people
          .map((p: any) => ({
            id: p.id,
            name: p.name,
            email: p.email,
            title: p.title,
            status: p.status,
            managerId: p.manager?.id ?? null,
            teamIds: p.teams.map((t: any) => t.id).sort(),
            roles: p.roles.map((r: any) => `${r.roleId}:${r.allocationPercent}`).sort(),
          }))
          .sort((a: any, b: any) => a.id.localeCompare(b.id)),
      ).toEqual(peopleOf(org));
      // names resolved at the instant: the manager's, the teams', the roles'
      const sam = document.people.find((p: any) => p.id === demoId('person:sam'));
      expect(sam.manager).toEqual({ id: demoId('person:aiko'), name: 'Aiko Tanaka' });
      expect(sam.teams.map((t: any) => t.name)).toEqual(['Core Platform']);
      expect(sam.roles.map((r: any) => r.name)).toEqual(['Associate Product Manager']);
      expect(document.roles.map((r: any) => r.id).sort()).toEqual(org.roles.map((r) => r.id).sort());
      expect(document.teams.map((t: any) => t.id).sort()).toEqual(org.teams.map((t) => t.id).sort());
      // the operator is told what was written, without a name in it
      expect(result.stderr).toBe(`Exported ${org.people.length} people (in effect at ${AS_OF}) of tenant ${TENANT}.\n`);
    }, 60_000);

    it('as CSV: one line a person, quoted where it must be, parsing back to the same people', async () => {
      const result = await rolebook('export', 'org', '--tenant', TENANT, '--as-of', AS_OF, '--format', 'csv');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\r\n')[0]).toBe(
        'person_id,name,email,title,status,manager_id,manager_name,team_ids,teams,role_ids,roles,allocations_percent',
      );
      const rows = csv(result.stdout);
      expect(
        rows
          .map((r) => ({
            id: r.person_id,
            name: r.name,
            email: r.email || null,
            title: r.title || null,
            status: r.status,
            managerId: r.manager_id || null,
            teamIds: split(r.team_ids!).sort(),
            roles: split(r.role_ids!)
              .map((id, i) => `${id}:${split(r.allocations_percent!)[i]}`)
              .sort(),
          }))
          .sort((a, b) => a.id!.localeCompare(b.id!)),
      ).toEqual(peopleOf(snapshot(AS_OF)));
      expect(rows.find((r) => r.person_id === demoId('person:priya'))!.title).toBe(CORRECTED_TITLE);
      expect(result.stdout).toContain(`"${CORRECTED_TITLE.replace(/"/g, '""')}"`);
    }, 60_000);

    it('gives the org in effect at --as-of, as recorded by --known-at', async () => {
      const early = JSON.parse((await rolebook('export', 'org', '--tenant', TENANT, '--as-of', '2025-02-01')).stdout);
      const ids = early.people.map((p: any) => p.id);
      expect(ids).not.toContain(demoId('person:sam')); // joined 2025-03-03
      expect(ids).not.toContain(demoId('person:grace')); // joined 2025-09-01
      const tom = early.people.find((p: any) => p.id === demoId('person:tom'));
      expect(tom.status).toBe('Active');
      expect(tom.roles.map((r: any) => [r.name, r.allocationPercent])).toEqual([
        ['Product Manager', 60],
        ['Product Marketing Manager', 40],
      ]);
      expect(early.people.length).toBe(peopleOf(snapshot('2025-02-01T00:00:00.000Z')).length);

      const priyaAt = async (...instants: string[]) => {
        const result = await rolebook('export', 'org', '--tenant', TENANT, ...instants);
        expect(result.code).toBe(0);
        return JSON.parse(result.stdout).people.find((p: any) => p.id === demoId('person:priya')).title;
      };
      // the correction is in effect since 2025-05-01, but was recorded after beforeCorrection
      expect(await priyaAt('--as-of', '2025-06-01')).toBe(CORRECTED_TITLE);
      expect(await priyaAt('--as-of', '2025-06-01', '--known-at', beforeCorrection)).toBe('Product Owner');
      expect(await priyaAt('--as-of', '2025-04-01')).toBe('Product Owner');
      const known = JSON.parse((await rolebook('export', 'org', '--tenant', TENANT, '--as-of', AS_OF, '--known-at', beforeCorrection)).stdout);
      expect(known.knownAt).toBe(beforeCorrection);
      expect(known.roles.map((r: any) => r.name)).not.toContain(ODD_ROLE);
      expect(known.people.length).toBe(peopleOf(snapshot(AS_OF, beforeCorrection)).length);
      // nothing was recorded before the demo was loaded
      const before = JSON.parse((await rolebook('export', 'org', '--tenant', TENANT, '--known-at', '2020-01-01')).stdout);
      expect(before.people).toEqual([]);
    }, 120_000);

    it('writes --out whole, and says so without a name', async () => {
      const file = join(dir, 'org.csv');
      const result = await rolebook('export', 'org', '--tenant', TENANT, '--format', 'csv', '--out', file);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(result.stderr).toMatch(new RegExp(`^Exported \\d+ people .* of tenant acme to ${file}\\.\\n$`));
      expect(csv(readFileSync(file, 'utf8')).length).toBe(snapshot(new Date().toISOString()).people.length);
      expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
      const missing = await rolebook('export', 'org', '--tenant', TENANT, '--out', join(dir, 'no', 'such', 'dir.json'));
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toContain(`error: Cannot write ${join(dir, 'no', 'such', 'dir.json')} (ENOENT)`);
    }, 60_000);
  });

  describe('export history', () => {
    const auditLog = (): HistoryEntry[] => all((page) => api.rolebook.events.auditLog(TENANT, {}, page));

    it('as JSON and CSV: every recorded change, oldest first, with who, when, why and through what', async () => {
      const json = await rolebook('export', 'history', '--tenant', TENANT);
      expect(json.code).toBe(0);
      const document = JSON.parse(json.stdout);
      const expected = auditLog().map(({ tenantId: _tenantId, ...entry }) => entry);
      expect(document).toEqual({ export: 'history', tenant: TENANT, asOf: null, knownAt: null, events: expected });
      const correction = document.events.find((e: any) => e.reason === 'HRIS title corrected');
      expect(correction).toMatchObject({ type: 'PersonTitleChanged', actor: 'key:test-editor', source: 'api', effectiveAt: '2025-05-01T00:00:00.000Z' });

      const rows = csv((await rolebook('export', 'history', '--tenant', TENANT, '--format', 'csv')).stdout);
      expect(rows.map((r) => Number(r.position))).toEqual(expected.map((e) => e.position));
      expect(
        rows.map((r) => ({
          type: r.type,
          actor: r.actor,
          reason: r.reason || null,
          source: r.source,
          effectiveAt: r.effective_at,
          recordedAt: r.recorded_at,
          entityId: r.entity_id,
          data: JSON.parse(r.data!),
        })),
      ).toEqual(
        expected.map((e) => ({
          type: e.type,
          actor: e.actor,
          reason: e.reason,
          source: e.source,
          effectiveAt: e.effectiveAt,
          recordedAt: e.recordedAt,
          entityId: e.entityId,
          data: e.data,
        })),
      );
    }, 60_000);

    it('keeps the changes recorded by --known-at and in effect by --as-of', async () => {
      const known = JSON.parse((await rolebook('export', 'history', '--tenant', TENANT, '--known-at', beforeCorrection)).stdout);
      expect(known.knownAt).toBe(beforeCorrection);
      expect(known.events.length).toBe(auditLog().filter((e) => e.recordedAt <= beforeCorrection).length);
      expect(known.events.some((e: any) => e.reason === 'HRIS title corrected')).toBe(false);
      const early = JSON.parse((await rolebook('export', 'history', '--tenant', TENANT, '--as-of', '2025-02-01')).stdout);
      expect(early.events.length).toBeGreaterThan(0);
      expect(early.events.length).toBe(auditLog().filter((e) => e.effectiveAt <= '2025-02-01T00:00:00.000Z').length);
      expect(early.events.every((e: any) => e.effectiveAt <= '2025-02-01T00:00:00.000Z')).toBe(true);
    }, 60_000);
  });

  describe('drift', () => {
    const findings = (asOf: string, statuses: readonly FindingView['status'][] = FINDING_STATUSES): FindingView[] =>
      all((page) => api.rolebook.driftQueries.findings(TENANT, asOf, { statuses }, page));
    const label = (subject: FindingSubject) => {
      const at = { asOf: new Date().toISOString(), knownAt: null };
      const q = api.rolebook.queries;
      if (subject.type === 'org') return 'the organization';
      const name = (subject.type === 'person' ? q.person : subject.type === 'role' ? q.role : q.team)(TENANT, subject.id, at)?.state.name;
      return `${subject.type} ${name}`;
    };
    let checked: string;

    beforeAll(async () => {
      const result = await rolebook('drift', 'check', '--tenant', TENANT, '--idempotency-key', 'audit-2026');
      expect(result.code).toBe(0);
      await api.rolebook.projector.catchUp();
      checked = new Date().toISOString();
    }, 60_000);

    it('check: runs one check and prints its open findings as a table of rule, severity, subject and cited passage', async () => {
      const [runs] = [all((page) => api.rolebook.driftQueries.runs(TENANT, page))];
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'manual' });
      const open = findings(checked, ['OPEN']);
      expect(open.length).toBeGreaterThan(3);

      // the same key again: no second run, the same table
      const again = await rolebook('drift', 'check', '--tenant', TENANT, '--idempotency-key', 'audit-2026');
      expect(again.code).toBe(0);
      expect(again.stderr).toContain(`Drift check ${runs[0]!.id} at ${runs[0]!.checkedAt}`);
      await api.rolebook.projector.catchUp();
      expect(all((page) => api.rolebook.driftQueries.runs(TENANT, page))).toHaveLength(1);

      const [header, ...rows] = again.stdout.trimEnd().split('\n');
      expect(header!.split(/ {2,}/)).toEqual(['RULE', 'SEVERITY', 'SUBJECT', 'CITED PASSAGE']);
      expect(rows).toHaveLength(open.length);
      const printed = rows.map((row) => row.split(/ {2,}/));
      expect(printed.map(([rule, severity, subject]) => `${rule} ${severity} ${subject}`).sort()).toEqual(
        open.map((f) => `${f.ruleId} ${f.severity} ${label(f.subject)}`).sort(),
      );
      // the passage shortened, with its source file
      for (const [rule, , subject, cited] of printed) {
        const finding = open.find((f) => f.ruleId === rule && label(f.subject) === subject)!;
        expect(cited).toMatch(new RegExp(`^".{10,60}" \\(${finding.source.cite.source.replace(/\./g, '\\.')}\\)$`));
        expect(finding.source.cite.passage.startsWith(cited!.slice(1, cited!.indexOf('…') > 0 ? cited!.indexOf('…') : cited!.lastIndexOf('"')))).toBe(true);
      }
      // most severe first
      const ranks = printed.map(([, severity]) => ['critical', 'warning', 'info'].indexOf(severity!));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(printed.map(([, , subject]) => subject)).toContain(`role ${ODD_ROLE}`);
      noPersonalData(again.stderr);
    }, 60_000);

    it('report --format md: a summary, the findings grouped by rule with its explanation, each with its cited passage and source file', async () => {
      const result = await rolebook('drift', 'report', '--tenant', TENANT);
      expect(result.code).toBe(0);
      const md = result.stdout;
      const open = findings(new Date().toISOString(), ['OPEN', 'WAIVED']);
      expect(md).toMatch(
        /^# Drift report: tenant acme\n\nAs of \S+\. Last check: \S+ \(run \S+, reference model version 1\)\.\n\n\d+ open findings, 0 waived \(/,
      );
      const ruleIds = [...new Set(open.map((f) => f.ruleId))];
      for (const ruleId of ruleIds) {
        const { title, explanation } = describeRule(ruleId);
        const section = md.slice(md.indexOf(`## ${escapeMarkdown(title)}\n`));
        expect(section).toContain(`Rule ${escapeMarkdown(ruleId)}. ${escapeMarkdown(explanation)}`);
        const end = section.indexOf('\n## ', 3);
        const body = end > 0 ? section.slice(0, end) : section;
        for (const f of open.filter((x) => x.ruleId === ruleId)) {
          expect(body).toContain(`${escapeMarkdown(label(f.subject))}. ${escapeMarkdown(f.message)}.`);
          expect(body).toContain(`  > ${escapeMarkdown(f.source.cite.passage)}\n`);
          expect(body).toContain(`Source: ${escapeMarkdown(f.source.cite.source)} (reference entry ${escapeMarkdown(f.source.entry)})`);
        }
      }
      expect(md.match(/^## /gm)).toHaveLength(ruleIds.length);
      expect(md).toContain(escapeMarkdown(`role ${ODD_ROLE}`));
      expect(md).not.toContain('<script>');
    }, 60_000);

    it('report --format html: one self-contained document, every text escaped', async () => {
      const file = join(dir, 'drift.html');
      const result = await rolebook('drift', 'report', '--tenant', TENANT, '--format', 'html', '--out', file);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
      expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
      expect(html).not.toMatch(/\b(src|href)="(?!#)/);
      expect(html).toContain(escapeHtml(`role ${ODD_ROLE}`));
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const open = findings(new Date().toISOString(), ['OPEN', 'WAIVED']);
      for (const ruleId of new Set(open.map((f) => f.ruleId))) {
        expect(html).toContain(`<section id="rule-${ruleId}">\n<h2>${escapeHtml(describeRule(ruleId).title)}</h2>`);
      }
      for (const f of open) {
        expect(html).toContain(`<blockquote>${escapeHtml(f.source.cite.passage)}</blockquote>`);
        expect(html).toContain(`<cite>${escapeHtml(f.source.cite.source)}</cite>`);
      }
    }, 60_000);

    it('report before any check says that none was recorded by then', async () => {
      const result = await rolebook('drift', 'report', '--tenant', TENANT, '--as-of', '2025-01-01');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('No drift check was recorded by then');
      expect(result.stdout).toContain('No open or waived finding.');
    }, 60_000);

    it('export drift as JSON and CSV: every finding at the instant with rule, severity, subject, status, cited passage and source', async () => {
      const asOf = new Date().toISOString();
      const expected = findings(asOf);
      const json = await rolebook('export', 'drift', '--tenant', TENANT, '--as-of', asOf);
      expect(json.code).toBe(0);
      const document = JSON.parse(json.stdout);
      expect(document).toMatchObject({ export: 'drift', tenant: TENANT, asOf });
      expect(document.findings.map(({ subjectName: _name, ...f }: any) => f)).toEqual(expected);
      expect(document.findings.map((f: any) => (f.subjectName === null ? 'the organization' : `${f.subject.type} ${f.subjectName}`))).toEqual(
        expected.map((f) => label(f.subject)),
      );

      const rows = csv((await rolebook('export', 'drift', '--tenant', TENANT, '--as-of', asOf, '--format', 'csv')).stdout);
      expect(
        rows.map((r) => ({
          id: r.finding_id,
          ruleId: r.rule,
          severity: r.severity,
          status: r.status,
          subject: { type: r.subject_type, id: r.subject_id },
          source: { entry: r.source_entry, cite: { source: r.cited_source, passage: r.cited_passage } },
          evidence: JSON.parse(r.evidence!),
        })),
      ).toEqual(expected.map(({ id, ruleId, severity, status, subject, source, evidence }) => ({ id, ruleId, severity, status, subject, source, evidence })));
      // before the check, nothing had been found
      expect(JSON.parse((await rolebook('export', 'drift', '--tenant', TENANT, '--as-of', beforeCorrection)).stdout).findings).toEqual([]);
    }, 60_000);
  });

  it('exits 2 on a bad date or format, saying what is wrong, with nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['export', 'org', '--tenant', TENANT, '--as-of', '2026-02-30'], /'--as-of <date>' argument '2026-02-30' is invalid\. give a date \(2027-01-31/],
      [['export', 'org', '--tenant', TENANT, '--known-at', 'yesterday'], /'--known-at <date>' argument 'yesterday' is invalid/],
      [['export', 'history', '--tenant', TENANT, '--as-of', '0202-01-01'], /give an instant between 1900-01-01 and 2200-12-31/],
      [['export', 'drift', '--tenant', TENANT, '--as-of', '2026-06-31T00:00:00Z'], /'--as-of <date>' argument '2026-06-31T00:00:00Z' is invalid/],
      [['export', 'drift', '--tenant', TENANT, '--known-at', '2026-01-01'], /drift findings have one time axis .*give --as-of/],
      [['export', 'org', '--tenant', TENANT, '--format', 'xml'], /Allowed choices are json, csv/],
      [['drift', 'report', '--tenant', TENANT, '--format', 'pdf'], /Allowed choices are md, html/],
      [['drift', 'report', '--tenant', TENANT, '--as-of', '31/12/2026'], /'--as-of <date>' argument '31\/12\/2026' is invalid/],
      [['export', 'org'], /required option '--tenant <slug>' not specified/],
      [['export', 'everything', '--tenant', TENANT], /unknown command 'everything'/],
    ];
    for (const [args, message] of cases) {
      const result = await rolebook(...args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toMatch(message);
      noStack(result.output);
    }
  }, 180_000);

  it('exits 3 when the tenant does not exist', async () => {
    for (const args of [
      ['export', 'org'],
      ['export', 'history'],
      ['export', 'drift'],
      ['drift', 'check'],
      ['drift', 'report'],
    ]) {
      const result = await rolebook(...args, '--tenant', 'nope');
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 3, stdout: '' });
      expect(result.stderr).toContain('Tenant "nope" not found (create it with: rolebook tenants create nope)');
    }
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  }, 120_000);

  it('logs no name or email, even at debug level', async () => {
    const result = await run(CLI, { DATA_DIR: dir, LOG_LEVEL: 'debug' }, ['export', 'org', '--tenant', TENANT, '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Maya Chen');
    noPersonalData(result.stderr);
  }, 60_000);

  it.each([[['export']], [['export', 'org']], [['export', 'history']], [['export', 'drift']], [['drift']], [['drift', 'check']], [['drift', 'report']]])(
    'rolebook %j --help: its usage, exit 0',
    async (command) => {
      const help = await run(CLI, { DATA_DIR: dir, PORT: 'not a port' }, [...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: ${['rolebook', ...command].join(' ')} [options]`);
    },
    30_000,
  );
});
