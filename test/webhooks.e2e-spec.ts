// HRIS webhooks over HTTP with payloads shaped like each vendor's, signed as each vendor signs:
// the org and the audit trail they produce, and every refusal changing nothing.
import { hrisPersonId } from '@rolebook/application';
import { createHmac } from 'node:crypto';
import { eventually } from '@rolebook/event-store/testing';
import { HrisStandIn } from '@rolebook/hris/testing';
import { startApi, type TestApi } from './support/api';
import {
  BOB,
  integrations,
  PERSONIO,
  signBambooHr,
  signHiBob,
  signMerge,
  signStandard as standard,
  STANDARD_NEW as NEW,
  STANDARD_OLD as OLD,
} from './support/hris-signing';

const SETTLE_MS = 8000;

jest.setTimeout(30_000);

describe('POST /webhooks/:provider', () => {
  let api: TestApi;
  // the local stand-in for the HRIS APIs (libs/hris testing), behaving as each vendor documents
  let hrisApi: HrisStandIn;

  beforeAll(async () => {
    hrisApi = await HrisStandIn.start();
    hrisApi.hibob.set('bob-7', {
      id: 'bob-7',
      displayName: 'Ada Bob',
      email: 'ada@example.com',
      work: { title: 'Senior Product Manager', reportsTo: null, startDate: '2026-02-02' },
      internal: { lifecycleStatus: 'employed', status: 'Active' },
    });
    hrisApi.bamboo.set('501', {
      id: '501',
      firstName: 'Bea',
      lastName: 'Event',
      workEmail: 'bea@example.com',
      jobTitle: 'Product Manager',
      supervisorEId: null,
      status: 'Active',
      hireDate: '2026-03-02',
      terminationDate: '0000-00-00',
    });
    api = await startApi(undefined, {
      // `initech` has an integration configured but was never created by an installation admin
      HRIS_INTEGRATIONS: JSON.stringify({
        ...(JSON.parse(integrations(hrisApi.url)) as object),
        initech: { standard: { secrets: [NEW] } },
      }),
      WEBHOOK_RETRY_BASE_MS: '300',
      WEBHOOK_MAX_ATTEMPTS: '4',
    });
    const pm = await api.gql(
      'mutation { defineRole(input: { name: "Product Manager", purpose: "Owns the problem", referenceRoleKey: "product-manager" }) { role { id } } }',
    );
    const spm = await api.gql(
      'mutation { defineRole(input: { name: "Senior PM", purpose: "Owns a bigger problem", referenceRoleKey: "senior-product-manager" }) { role { id } } }',
    );
    expect(pm.errors ?? spm.errors).toBeUndefined();
  });
  afterAll(async () => {
    await api.dispose();
    await hrisApi.close();
  });

  const post = (provider: string, raw: string, headers: Record<string, string>) =>
    api
      .http()
      .post(`/webhooks/${provider}`)
      .set({ 'content-type': 'application/json', ...headers })
      .send(raw);
  const auditCount = async () => (await api.gql('{ auditLog { totalCount } }')).data.auditLog.totalCount as number;
  const person = async (employeeId: string, provider = 'standard', asOf?: string) =>
    (
      await api.gql(`query($id: ID!, $asOf: DateTime) { person(id: $id, asOf: $asOf) { name title status managerId assignments { role { name } } } }`, {
        id: hrisPersonId('default', provider as never, employeeId),
        asOf,
      })
    ).data?.person;
  const deliveries = async (status?: string) => {
    const r = await api.gql(
      `query($s: WebhookDeliveryStatus) { webhookDeliveries(first: 50, filter: { status: $s }) { totalCount edges { node { id deliveryId provider status attempts lastError outcome } } } }`,
      { s: status },
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.webhookDeliveries;
  };

  it('hires through a Standard Webhooks delivery signed during a secret rotation, mapping the title to a role, traceable to the delivery', async () => {
    const hire = standard(
      { type: 'employee.hired', data: { employeeId: 'e-1', name: 'Grace Hopper', email: 'grace@example.com', title: 'PM' } },
      { secrets: [OLD, NEW] },
    );
    const response = await post('standard', hire.raw, hire.headers);
    expect(response.status).toBe(202);
    await eventually(
      async () =>
        expect(await person('e-1')).toMatchObject({
          name: 'Grace Hopper',
          title: 'PM',
          status: 'ACTIVE',
          assignments: [{ role: { name: 'Product Manager' } }],
        }),
      SETTLE_MS,
    );
    const history = await api.gql('query($id: ID!) { history(entityId: $id) { edges { node { type source causationId actor } } } }', {
      id: hrisPersonId('default', 'standard', 'e-1'),
    });
    const events = history.data.history.edges.map((e: any) => e.node);
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['PersonRegistered', 'RoleAssigned']));
    for (const e of events) expect(e).toMatchObject({ source: 'hris:standard', causationId: hire.id, actor: 'hris:standard' });

    // the same delivery again, and the same event under a new id: accepted and ignored
    const before = await auditCount();
    expect((await post('standard', hire.raw, hire.headers)).status).toBe(200);
    const again = standard(JSON.parse(hire.raw));
    expect((await post('standard', again.raw, again.headers)).body).toEqual({ status: 'duplicate' });
    expect(await auditCount()).toBe(before);
  });

  it('answers deliveries arriving together each on its own: every new one 202 with its own number, each duplicate 200, a forged one 401', async () => {
    const hires = ['g-1', 'g-2', 'g-3'].map((id) =>
      standard({ type: 'employee.hired', data: { employeeId: id, name: `Group ${id}`, email: `${id}@example.com`, title: 'PM' } }, { secrets: [NEW] }),
    );
    const forged = standard(
      { type: 'employee.hired', data: { employeeId: 'g-x', name: 'Eve Intruder' } },
      { secrets: [`whsec_${Buffer.from('not-our-secret-000000').toString('base64')}`] },
    );
    // hires[0] five times, the others once, the forged one among them: sent at once
    const sent = [hires[0]!, hires[0]!, hires[1]!, forged, hires[0]!, hires[2]!, hires[0]!, hires[0]!];
    const answers = await Promise.all(sent.map((d) => post('standard', d.raw, d.headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 202, 202, 202, 401]);
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.body as { status: string; id: string });
    expect(new Set(accepted.map((a) => a.id)).size).toBe(3);
    expect(answers[2]).toMatchObject({ status: 202 });
    expect(answers[5]).toMatchObject({ status: 202 });
    const nodes = (await deliveries()).edges.map((e: any) => e.node);
    for (const a of accepted) expect(nodes.find((n: any) => n.id === a.id)).toMatchObject({ provider: 'STANDARD' });
    await eventually(async () => expect(await person('g-3')).toMatchObject({ name: 'Group g-3' }), SETTLE_MS);
  });

  it('refuses bad deliveries with 401, 400, 404 and 413, appending nothing and logging no secret', async () => {
    const before = await auditCount();
    const body = { type: 'employee.hired', data: { employeeId: 'e-x', name: 'Eve Intruder' } };
    const forged = standard(body, { secrets: [`whsec_${Buffer.from('not-our-secret-000000').toString('base64')}`] });
    expect((await post('standard', forged.raw, forged.headers)).status).toBe(401);
    const good = standard(body);
    expect((await post('standard', good.raw, { ...good.headers, 'webhook-signature': '' })).status).toBe(401);
    expect((await post('standard', good.raw.replace('Eve', 'Eva'), good.headers)).status).toBe(401);
    const stale = standard(body, { at: Math.floor(Date.now() / 1000) - 3600 });
    const staleResponse = await post('standard', stale.raw, stale.headers);
    expect(staleResponse.status).toBe(401);
    // every refusal before verification is the same answer (the reason is in the log only)
    expect(staleResponse.body).toEqual({ statusCode: 401, message: 'Unauthorized' });
    // 400 only for a body that cannot be what the provider sends: not JSON, or not in its envelope
    const unenveloped = standard({ kind: 'employee.promoted', employee: 'e-x' });
    expect((await post('standard', unenveloped.raw, unenveloped.headers)).status).toBe(400);
    const text = 'employee promoted';
    expect((await post('hibob', text, { 'bob-signature': createHmac('sha512', BOB).update(text).digest('base64') })).status).toBe(400);
    expect((await post('workday', good.raw, good.headers)).status).toBe(404);
    const huge = standard({ type: 'employee.hired', data: { employeeId: 'e-big', name: 'x'.repeat(200), padding: 'y'.repeat(300_000) } });
    expect((await post('standard', huge.raw, huge.headers)).status).toBe(413);
    expect(JSON.stringify(staleResponse.body)).not.toContain('whsec');
    // a good signature for a tenant with an integration but never created: the same 401, nothing recorded
    const uncreated = await post('standard?tenant=initech', good.raw, good.headers);
    expect(uncreated.status).toBe(401);
    expect(uncreated.body).toEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(await auditCount()).toBe(before);
    expect((await deliveries()).edges.map((e: any) => e.node.deliveryId)).not.toContain(good.id);
  });

  it('takes BambooHR deliveries: a hire, then a title change that moves the role', async () => {
    const created = signBambooHr({
      employees: [
        {
          id: '123',
          action: 'Created',
          changedFields: [],
          fields: { firstName: 'Linus', lastName: 'Bamboo', workEmail: 'linus@example.com', jobTitle: 'Product Manager' },
        },
      ],
    });
    expect((await post('bamboohr', created.raw, created.headers)).status).toBe(202);
    await eventually(async () => expect((await person('123', 'bamboohr'))?.assignments).toEqual([{ role: { name: 'Product Manager' } }]), SETTLE_MS);
    const promoted = signBambooHr({
      employees: [{ id: '123', action: 'Updated', changedFields: ['jobTitle'], fields: { jobTitle: 'Senior Product Manager' } }],
    });
    expect((await post('bamboohr', promoted.raw, promoted.headers)).status).toBe(202);
    await eventually(
      async () => expect(await person('123', 'bamboohr')).toMatchObject({ title: 'Senior Product Manager', assignments: [{ role: { name: 'Senior PM' } }] }),
      SETTLE_MS,
    );
    const wrong = { ...promoted.headers, 'x-bamboohr-signature': createHmac('sha256', 'other').update(promoted.raw).digest('hex') };
    expect((await post('bamboohr', promoted.raw, wrong)).status).toBe(401);
  });

  it('takes BambooHR field-based deliveries posted under its English field names', async () => {
    const created = signBambooHr({
      employees: [
        {
          id: '124',
          action: 'Created',
          changedFields: [],
          fields: { 'First Name': 'Ada', 'Last Name': 'Names', 'Job Title': 'Product Manager', 'Hire Date': '2026-11-01' },
        },
      ],
    });
    expect((await post('bamboohr', created.raw, created.headers)).status).toBe(202);
    await eventually(async () => expect(await person('124', 'bamboohr')).toMatchObject({ name: 'Ada Names', title: 'Product Manager' }), SETTLE_MS);
  });

  it('takes BambooHR event-based deliveries by fetching the employee from its API; an update to Inactive is a termination on its date', async () => {
    const created = signBambooHr({
      type: 'employee.created',
      timestamp: new Date().toISOString(),
      data: { companyId: '1', employeeId: '501', changedFields: [] },
    });
    expect((await post('bamboohr', created.raw, created.headers)).status).toBe(202);
    await eventually(
      async () =>
        expect(await person('501', 'bamboohr')).toMatchObject({ name: 'Bea Event', status: 'ACTIVE', assignments: [{ role: { name: 'Product Manager' } }] }),
      SETTLE_MS,
    );
    expect(hrisApi.requests.map((r) => r.url)).toContain(
      '/v1/employees/501/?fields=firstName,lastName,workEmail,jobTitle,supervisorEId,status,hireDate,terminationDate',
    );
    expect(await person('501', 'bamboohr', '2026-03-02T00:00:00Z')).toMatchObject({ name: 'Bea Event' }); // hired on the hire date the API holds
    expect(await person('501', 'bamboohr', '2026-03-01T23:59:59Z')).toBeNull();

    const leftOn = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
    Object.assign(hrisApi.bamboo.get('501')!, { status: 'Inactive', terminationDate: leftOn });
    const updated = signBambooHr({
      type: 'employee.updated',
      timestamp: new Date().toISOString(),
      data: { companyId: '1', employeeId: '501', changedFields: ['status'] },
    });
    expect((await post('bamboohr', updated.raw, updated.headers)).status).toBe(202);
    await eventually(async () => expect(await person('501', 'bamboohr')).toMatchObject({ status: 'TERMINATED', assignments: [] }), SETTLE_MS);
    expect(await person('501', 'bamboohr', `${leftOn}T00:00:00Z`)).toMatchObject({ status: 'TERMINATED' });
    expect(await person('501', 'bamboohr', new Date(Date.parse(`${leftOn}T00:00:00Z`) - 1000).toISOString())).toMatchObject({ status: 'ACTIVE' });
  });

  it('takes HiBob v2 deliveries, completed by POST /v1/people/{id}, and the v1 shape of older subscriptions', async () => {
    // https://apidocs.hibob.com/reference/api-calls-for-webhook-events
    const created = signHiBob({
      companyId: 637323,
      type: 'employee.created',
      triggeredBy: '3332883804594373380',
      triggeredAt: new Date().toISOString().replace('Z', ''),
      version: 'v2',
      data: { employeeId: 'bob-7' },
    });
    expect((await post('hibob', created.raw, created.headers)).status).toBe(202);
    await eventually(
      async () =>
        expect(await person('bob-7', 'hibob')).toMatchObject({
          name: 'Ada Bob',
          title: 'Senior Product Manager',
          assignments: [{ role: { name: 'Senior PM' } }],
        }),
      SETTLE_MS,
    );
    expect(hrisApi.requests).toContainEqual({ method: 'POST', url: '/v1/people/bob-7' });
    expect(await person('bob-7', 'hibob', '2026-02-02T00:00:00Z')).toMatchObject({ name: 'Ada Bob' }); // hired on its start date

    hrisApi.hibob.get('bob-7')!.work!.title = 'Product Manager';
    const legacy = signHiBob({ companyId: 637323, type: 'employee.updated', triggeredAt: new Date().toISOString(), employee: { id: 'bob-7' } });
    expect((await post('hibob', legacy.raw, legacy.headers)).status).toBe(202);
    await eventually(
      async () => expect(await person('bob-7', 'hibob')).toMatchObject({ title: 'Product Manager', assignments: [{ role: { name: 'Product Manager' } }] }),
      SETTLE_MS,
    );
  });

  it('takes Merge deliveries out of order: a report whose manager (hired earlier) is not known yet waits for the manager', async () => {
    const report = signMerge({
      hook: { event: 'Employee.added' },
      linked_account: { id: 'la' },
      data: {
        id: 'm-2',
        first_name: 'Report',
        last_name: 'One',
        work_email: null,
        manager: 'm-1',
        start_date: '2026-01-05',
        employments: [{ job_title: 'Designer' }],
      },
    });
    expect((await post('merge', report.raw, report.headers)).status).toBe(202);
    await eventually(async () => expect((await deliveries('PENDING')).edges.some((e: any) => e.node.lastError === 'UNKNOWN_MANAGER')).toBe(true), SETTLE_MS);
    const manager = signMerge({
      hook: { event: 'Employee.added' },
      linked_account: { id: 'la' },
      data: { id: 'm-1', display_full_name: 'Manager Merge', manager: null, start_date: '2025-06-01', employments: [] },
    });
    expect((await post('merge', manager.raw, manager.headers)).status).toBe(202);
    await eventually(async () => expect((await person('m-2', 'merge'))?.managerId).toBe(hrisPersonId('default', 'merge', 'm-1')), SETTLE_MS);
  });

  it('records a termination effective next week now, effective then, ending every assignment', async () => {
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const leave = standard({ type: 'employee.terminated', data: { employeeId: 'e-1', effectiveAt: nextWeek } });
    expect((await post('standard', leave.raw, leave.headers)).status).toBe(202);
    await eventually(async () => expect((await deliveries('PROCESSED')).edges.some((e: any) => e.node.deliveryId === leave.id)).toBe(true), SETTLE_MS);
    expect(await person('e-1')).toMatchObject({ status: 'ACTIVE', assignments: [{ role: { name: 'Product Manager' } }] });
    const after = new Date(Date.parse(nextWeek) + 1000).toISOString();
    expect(await person('e-1', 'standard', after)).toMatchObject({ status: 'TERMINATED', assignments: [] });
  });

  it('dead-letters a delivery that keeps failing, with its reason, and replays it once it can apply', async () => {
    const orphan = standard({ type: 'employee.terminated', data: { employeeId: 'ghost' } });
    expect((await post('standard', orphan.raw, orphan.headers)).status).toBe(202);
    let dead: any;
    await eventually(async () => {
      dead = (await deliveries('DEAD')).edges.map((e: any) => e.node).find((n: any) => n.deliveryId === orphan.id);
      expect(dead).toMatchObject({ status: 'DEAD', attempts: 4, lastError: 'UNKNOWN_EMPLOYEE' });
    }, SETTLE_MS);
    const hire = standard({ type: 'employee.hired', data: { employeeId: 'ghost', name: 'Casper Ghost', effectiveAt: '2026-01-01T00:00:00Z' } });
    await post('standard', hire.raw, hire.headers);
    await eventually(async () => expect(await person('ghost')).toBeTruthy(), SETTLE_MS);
    const replay = await api.gql('mutation($id: ID!) { replayWebhookDelivery(input: { id: $id }) { status attempts outcome } }', { id: dead.id });
    expect(replay.data.replayWebhookDelivery).toMatchObject({
      status: 'PROCESSED',
      attempts: 1,
      outcome: [`terminated ${hrisPersonId('default', 'standard', 'ghost')}`],
    });
    expect((await api.gql('mutation { replayWebhookDelivery(input: { id: "999999" }) { status } }')).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('takes Personio deliveries through its v2 API: a hire, then a new supervisor and title on the employment', async () => {
    hrisApi.personio.set('990', {
      id: '990',
      first_name: 'Petra',
      last_name: 'Lead',
      email: 'petra@example.com',
      employment: { id: 'emp-990', position: { title: 'Product Manager' }, status: 'ACTIVE', employment_start_date: '2025-01-01' },
    });
    hrisApi.personio.set('991', {
      id: '991',
      first_name: 'Paul',
      last_name: 'Personio',
      email: 'paul@example.com',
      employment: { id: 'emp-991', position: { title: 'Product Manager' }, status: 'ACTIVE', employment_start_date: '2026-04-01', supervisor: null },
    });
    // https://developer.personio.de/v2.0/reference/webhooks (the envelope)
    const event = (event_name: string, payload: object) =>
      JSON.stringify({ company_id: '4711', event_name, occurred_at: new Date().toISOString(), payload, meta: {} });
    const auth = { authorization: `Bearer ${PERSONIO}` };
    expect((await post('personio', JSON.stringify({ event: 'employee.updated', employee_id: 991 }), auth)).status).toBe(400);
    expect((await post('personio', event('person.created', { id: '991' }), { authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await post('personio', event('person.created', { id: '990' }), auth)).status).toBe(202);
    expect((await post('personio', event('person.created', { id: '991' }), auth)).status).toBe(202);
    await eventually(
      async () => expect(await person('991', 'personio')).toMatchObject({ name: 'Paul Personio', title: 'Product Manager', managerId: null }),
      SETTLE_MS,
    );
    expect(await person('991', 'personio', '2026-04-01T00:00:00Z')).toMatchObject({ status: 'ACTIVE' }); // from its employment's start

    Object.assign(hrisApi.personio.get('991')!.employment!, { position: { title: 'Senior Product Manager' }, supervisor: { id: '990' } });
    expect((await post('personio', event('employment.updated', { id: 'emp-991', person_id: '991' }), auth)).status).toBe(202);
    await eventually(
      async () =>
        expect(await person('991', 'personio')).toMatchObject({
          title: 'Senior Product Manager',
          managerId: hrisPersonId('default', 'personio', '990'),
          assignments: [{ role: { name: 'Senior PM' } }],
        }),
      SETTLE_MS,
    );
    expect(hrisApi.requests.filter((r) => r.url === '/v2/auth/token')).toHaveLength(1); // one token, cached
  });

  it('completes a Merge change whose employments are ids through its API', async () => {
    hrisApi.merge.set('m-1', {
      id: 'm-1',
      display_full_name: 'Manager Merge',
      manager: null,
      employments: [{ id: 'e-2', job_title: 'Senior Product Manager', effective_date: '2026-06-01T00:00:00Z' }],
      employment_status: 'ACTIVE',
      start_date: '2025-06-01T00:00:00Z',
      modified_at: '2026-06-01T00:00:00Z',
    });
    // https://docs.merge.dev/hris/employees/: employments and manager as ids, as webhooks carry them
    const changed = signMerge({
      hook: { id: 'h-1', event: 'Employee.changed', target: 'https://rolebook.example/webhooks/merge' },
      linked_account: { id: 'la', integration: 'BambooHR', category: 'hris' },
      data: {
        id: 'm-1',
        display_full_name: 'Manager Merge',
        manager: null,
        employments: ['e-2'],
        employment_status: 'ACTIVE',
        start_date: '2025-06-01T00:00:00Z',
      },
    });
    expect((await post('merge', changed.raw, changed.headers)).status).toBe(202);
    await eventually(async () => expect(await person('m-1', 'merge')).toMatchObject({ title: 'Senior Product Manager' }), SETTLE_MS);
    expect(hrisApi.requests).toContainEqual({ method: 'GET', url: '/api/hris/v1/employees/m-1?expand=employments,manager' });
  });

  it('records a genuine delivery it cannot read and parks it with its reason, replayable; changes nothing', async () => {
    const before = await auditCount();
    const promoted = standard({ type: 'employee.promoted', data: { employeeId: 'e-1' } });
    const answer = await post('standard', promoted.raw, promoted.headers);
    expect(answer.status).toBe(202);
    let parked: any;
    await eventually(async () => {
      parked = (await deliveries('DEAD')).edges.map((e: any) => e.node).find((n: any) => n.deliveryId === promoted.id);
      expect(parked).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'UNSUPPORTED_EVENT' });
    }, SETTLE_MS);
    const replay = await api.gql('mutation($id: ID!) { replayWebhookDelivery(input: { id: $id }) { status attempts lastError } }', { id: parked.id });
    expect(replay.data.replayWebhookDelivery).toMatchObject({ status: 'DEAD', lastError: 'UNSUPPORTED_EVENT' });
    expect(await auditCount()).toBe(before);
  });
});

describe('webhook delivery bodies after the retention period', () => {
  it('are erased once a delivery is done, leaving what it became; such a delivery cannot be replayed, and a redelivery is still a duplicate', async () => {
    let api = await startApi(undefined, { HRIS_INTEGRATIONS: integrations() });
    const dir = api.dir;
    try {
      const hire = standard({ type: 'employee.hired', data: { employeeId: 'kept', name: 'Retained Person' } });
      const post = () =>
        api
          .http()
          .post('/webhooks/standard')
          .set({ 'content-type': 'application/json', ...hire.headers })
          .send(hire.raw);
      expect((await post()).status).toBe(202);
      const read = async () =>
        (await api.gql('{ webhookDeliveries { edges { node { id status bodyErased outcome } } } }')).data.webhookDeliveries.edges[0].node;
      await eventually(async () => expect(await read()).toMatchObject({ status: 'PROCESSED', bodyErased: false }), SETTLE_MS);
      await api.close();

      api = await startApi(dir, { HRIS_INTEGRATIONS: integrations(), WEBHOOK_BODY_RETENTION_DAYS: '0' });
      const erased = await read();
      expect(erased).toMatchObject({ status: 'PROCESSED', bodyErased: true, outcome: [expect.stringMatching(/^registered /)] });
      const replay = await api.gql('mutation($id: ID!) { replayWebhookDelivery(input: { id: $id }) { status } }', { id: erased.id });
      expect(replay.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BODY_ERASED' });
      const again = await post();
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ status: 'duplicate' });
    } finally {
      await api.dispose();
    }
  });
});
