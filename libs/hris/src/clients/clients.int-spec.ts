// Each provider's client against the local stand-in of its API (libs/hris/src/testing): one
// employee for a thin delivery, the whole directory to the end of its pagination, credentials as
// each vendor takes them, Personio's token cached until it expires, and 429s waited out.
import { HrisStandIn } from '@rolebook/hris/testing';
import type { DirectoryEmployee } from '../mapping/employee-change';
import { PROVIDER_CLIENTS, ProviderApiError, ProviderApiNotConfigured } from '.';

const all = async (employees: AsyncIterable<DirectoryEmployee>) => {
  const out: DirectoryEmployee[] = [];
  for await (const e of employees) out.push(e);
  return out;
};

describe('provider clients against their stand-ins', () => {
  let standIn: HrisStandIn;
  beforeAll(async () => {
    standIn = await HrisStandIn.start();
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  describe('BambooHR', () => {
    beforeAll(() => {
      standIn.bamboo.set('501', {
        id: '501',
        firstName: 'Bea',
        lastName: 'Event',
        workEmail: 'bea@example.com',
        jobTitle: 'Product Manager',
        supervisorEId: '500',
        status: 'Active',
        hireDate: '2026-03-02',
        terminationDate: '0000-00-00',
      });
      standIn.bamboo.set('502', {
        id: '502',
        firstName: 'Ex',
        lastName: 'Employee',
        status: 'Inactive',
        hireDate: '2020-01-01',
        terminationDate: '2025-12-31',
      });
    });

    it('fetches one employee with the fields it maps', async () => {
      expect(await PROVIDER_CLIENTS.bamboohr.fetchEmployee(standIn.api('bamboohr'), '501')).toEqual({
        fields: { name: 'Bea Event', email: 'bea@example.com', title: 'Product Manager', managerId: '500' },
        hiredAt: '2026-03-02T00:00:00.000Z',
        terminated: false,
        terminatedAt: null,
      });
      expect(await PROVIDER_CLIENTS.bamboohr.fetchEmployee(standIn.api('bamboohr'), '999')).toBeNull();
    });

    it('lists the directory through a custom report, inactive employees included', async () => {
      const listed = await all(PROVIDER_CLIENTS.bamboohr.listEmployees(standIn.api('bamboohr')));
      expect(listed.map((e) => [e.employeeId, e.terminated, e.terminatedAt])).toEqual([
        ['501', false, null],
        ['502', true, '2025-12-31T00:00:00.000Z'],
      ]);
      expect(standIn.requests).toEqual([{ method: 'POST', url: '/v1/reports/custom?format=JSON&onlyCurrent=false' }]);
    });

    it('refuses to call without an API key', () =>
      expect(PROVIDER_CLIENTS.bamboohr.fetchEmployee({ apiUrl: standIn.url }, '501')).rejects.toBeInstanceOf(ProviderApiNotConfigured));
  });

  describe('HiBob', () => {
    beforeAll(() => {
      standIn.hibob.set('bob-1', {
        id: 'bob-1',
        displayName: 'Ada Bob',
        email: 'ada@example.com',
        work: { title: 'Senior Product Manager', reportsTo: { id: 'bob-0' }, startDate: '2024-02-01' },
        internal: { lifecycleStatus: 'employed', status: 'Active' },
      });
      standIn.hibob.set('bob-2', {
        id: 'bob-2',
        displayName: 'Left Bob',
        work: { title: 'Designer', reportsTo: null, startDate: '2020-01-01' },
        internal: { lifecycleStatus: 'terminated', status: 'Inactive', terminationDate: '2025-06-30' },
      });
    });

    it('reads one employee by POST /v1/people/{id} with the fields it maps', async () => {
      expect(await PROVIDER_CLIENTS.hibob.fetchEmployee(standIn.api('hibob'), 'bob-1')).toEqual({
        fields: { name: 'Ada Bob', email: 'ada@example.com', title: 'Senior Product Manager', managerId: 'bob-0' },
        hiredAt: '2024-02-01T00:00:00.000Z',
        terminated: false,
        terminatedAt: null,
      });
      expect(standIn.requests).toEqual([{ method: 'POST', url: '/v1/people/bob-1' }]);
    });

    it('lists everyone, the inactive too, through the people search', async () => {
      const listed = await all(PROVIDER_CLIENTS.hibob.listEmployees(standIn.api('hibob')));
      expect(listed.map((e) => [e.employeeId, e.terminated, e.terminatedAt])).toEqual([
        ['bob-1', false, null],
        ['bob-2', true, '2025-06-30T00:00:00.000Z'],
      ]);
    });
  });

  describe('Personio', () => {
    beforeAll(() => {
      for (let n = 1; n <= 5; n++)
        standIn.personio.set(String(n), {
          id: String(n),
          first_name: `First${n}`,
          last_name: `Last${n}`,
          email: `p${n}@example.com`,
          employment: {
            id: `emp-${n}`,
            position: { title: n === 1 ? 'Head of Product' : 'Product Manager' },
            status: n === 5 ? 'INACTIVE' : 'ACTIVE',
            employment_start_date: '2024-01-01',
            supervisor: n === 1 ? null : { id: '1' },
            termination: { termination_date: n === 5 ? '2026-01-31' : null },
          },
        });
    });

    it('fetches a person and the employment it names, with a token obtained once and reused', async () => {
      const issued = standIn.tokensIssued;
      const api = standIn.api('personio');
      expect(await PROVIDER_CLIENTS.personio.fetchEmployee(api, '2')).toEqual({
        fields: { name: 'First2 Last2', email: 'p2@example.com', title: 'Product Manager', managerId: '1' },
        hiredAt: '2024-01-01T00:00:00.000Z',
        terminated: false,
        terminatedAt: null,
      });
      expect(await PROVIDER_CLIENTS.personio.fetchEmployee(api, '5')).toMatchObject({ terminated: true, terminatedAt: '2026-01-31T00:00:00.000Z' });
      expect(await PROVIDER_CLIENTS.personio.fetchEmployee(api, '404')).toBeNull();
      expect(standIn.tokensIssued - issued).toBeLessThanOrEqual(1);
      expect(standIn.requests.filter((r) => r.url === '/v2/auth/token').length).toBeLessThanOrEqual(1);
    });

    it('gets a new token when the cached one has expired (401), and goes on', async () => {
      const api = standIn.api('personio');
      await PROVIDER_CLIENTS.personio.fetchEmployee(api, '1');
      const before = standIn.tokensIssued;
      standIn.expireTokens();
      expect(await PROVIDER_CLIENTS.personio.fetchEmployee(api, '1')).toMatchObject({ fields: { title: 'Head of Product', managerId: null } });
      expect(standIn.tokensIssued).toBe(before + 1);
    });

    it('lists every person to the end of the cursor pages, waiting out a 429 with Retry-After', async () => {
      const api = standIn.api('personio');
      await PROVIDER_CLIENTS.personio.fetchEmployee(api, '1'); // a token first, so that the 429 hits a page
      standIn.requests.length = 0;
      standIn.failNext(1, 429, '0');
      const listed = await all(PROVIDER_CLIENTS.personio.listEmployees(api));
      expect(listed.map((e) => e.employeeId)).toEqual(['1', '2', '3', '4', '5']);
      const pages = standIn.requests.filter((r) => r.url.startsWith('/v2/persons?'));
      expect(pages.map((r) => r.url)).toEqual([
        '/v2/persons?limit=50', // answered 429
        '/v2/persons?limit=50',
        '/v2/persons?limit=2&cursor=cur_2',
        '/v2/persons?limit=2&cursor=cur_4',
      ]);
    });

    it('says so when the credentials are missing, and fails with the status only when they are wrong', async () => {
      await expect(PROVIDER_CLIENTS.personio.fetchEmployee({ apiUrl: standIn.url }, '1')).rejects.toBeInstanceOf(ProviderApiNotConfigured);
      const wrong = { ...standIn.api('personio'), clientSecret: 'not-the-secret' };
      const error = await PROVIDER_CLIENTS.personio.fetchEmployee(wrong, '1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as ProviderApiError).status).toBe(401);
      expect((error as Error).message).not.toMatch(/not-the-secret|invalid_client/);
    });
  });

  describe('Merge', () => {
    beforeAll(() => {
      standIn.merge.set('m-1', {
        id: 'm-1',
        display_full_name: 'Manager Merge',
        work_email: 'boss@example.com',
        manager: null,
        employments: [{ id: 'e-1', job_title: 'Head of Product', effective_date: '2023-01-01T00:00:00Z' }],
        employment_status: 'ACTIVE',
        start_date: '2023-01-01T00:00:00Z',
        modified_at: '2026-01-01T00:00:00Z',
      });
      for (const n of [2, 3, 4])
        standIn.merge.set(`m-${n}`, {
          id: `m-${n}`,
          first_name: 'Report',
          last_name: String(n),
          manager: 'm-1',
          employments: [
            { id: `e-${n}a`, job_title: 'Associate Product Manager', effective_date: '2024-01-01T00:00:00Z' },
            { id: `e-${n}b`, job_title: 'Product Manager', effective_date: '2025-01-01T00:00:00Z' },
          ],
          employment_status: n === 4 ? 'INACTIVE' : 'ACTIVE',
          start_date: '2024-01-01T00:00:00Z',
          termination_date: n === 4 ? '2026-03-31T00:00:00Z' : null,
          modified_at: `2026-0${n}-01T00:00:00Z`,
        });
    });

    it('fetches an employee with its employments and manager expanded, sending the account token', async () => {
      expect(await PROVIDER_CLIENTS.merge.fetchEmployee(standIn.api('merge'), 'm-2')).toEqual({
        fields: { name: 'Report 2', email: null, title: 'Product Manager', managerId: 'm-1' },
        hiredAt: '2024-01-01T00:00:00.000Z',
        terminated: false,
        terminatedAt: null,
      });
      expect(standIn.requests).toEqual([{ method: 'GET', url: '/api/hris/v1/employees/m-2?expand=employments,manager' }]);
    });

    it('lists every employee through the cursor pages, and only those modified after an instant when asked', async () => {
      const listed = await all(PROVIDER_CLIENTS.merge.listEmployees(standIn.api('merge')));
      expect(listed.map((e) => [e.employeeId, e.terminated])).toEqual([
        ['m-1', false],
        ['m-2', false],
        ['m-3', false],
        ['m-4', true],
      ]);
      expect(standIn.requests.length).toBe(2);
      const recent = await all(PROVIDER_CLIENTS.merge.listEmployees(standIn.api('merge'), { modifiedAfter: '2026-02-15T00:00:00Z' }));
      expect(recent.map((e) => e.employeeId)).toEqual(['m-3', 'm-4']);
      expect(standIn.requests.at(-1)!.url).toContain('modified_after=2026-02-15T00%3A00%3A00Z');
    });

    it('retries a 503 and gives up after its attempts with the status only', async () => {
      standIn.failNext(1, 503);
      expect(await PROVIDER_CLIENTS.merge.fetchEmployee(standIn.api('merge'), 'm-1')).toMatchObject({ fields: { title: 'Head of Product' } });
      standIn.failNext(3, 502);
      await expect(PROVIDER_CLIENTS.merge.fetchEmployee(standIn.api('merge', { maxAttempts: 3 }), 'm-1')).rejects.toThrow(/answered 502$/);
    });
  });
});
