import { RuleViolation } from '@rolebook/domain';
import type { NewEvent, RecordedEvent } from '@rolebook/event-store';
import { ERASED, PersonalDataProtector } from '../personal-data';
import { isSealed } from '../sealed-value';
import { MemoryDataKeyStore } from '../testing/memory-data-key-store';
import { openEvent, sealEvent } from './personal-event-data';

const person = '00000000-0000-4000-8000-0000000000a1';
const team = '00000000-0000-4000-8000-0000000000b1';
const role = '00000000-0000-4000-8000-0000000000c1';
const personStream = `rb/acme/person/${person}`;

const newEvent = (type: string, data: Record<string, unknown>, reason: string | null = null): NewEvent => ({
  id: 'e1',
  type: `${type}.v1`,
  data,
  metadata: { tenantId: 'acme', actor: 'admin-7', reason, effectiveAt: '2026-01-01T00:00:00.000Z' },
});

const recorded = (stream: string, event: NewEvent): RecordedEvent => ({ ...event, stream, revision: 0, position: 1, recordedAt: '2026-01-01T00:00:00.000Z' });

const registered = newEvent('PersonRegistered', { personId: person, name: 'Ada Lovelace', email: 'ada@example.com', title: 'Analyst' }, 'hired by Grace');

describe('sealing the personal fields of events', () => {
  let store: MemoryDataKeyStore;
  let protector: PersonalDataProtector;
  beforeEach(() => {
    store = new MemoryDataKeyStore();
    protector = new PersonalDataProtector(store);
  });

  it("seals a person's name, email and the reason, and opens them back", async () => {
    const sealed = await sealEvent(protector, personStream, registered);
    const data = sealed.data as Record<string, unknown>;
    expect(isSealed(data['name'])).toBe(true);
    expect(isSealed(data['email'])).toBe(true);
    expect(isSealed(sealed.metadata['reason'])).toBe(true);
    expect(data).toMatchObject({ personId: person, title: 'Analyst' });
    expect(sealed.metadata).toMatchObject({ tenantId: 'acme', actor: 'admin-7' });
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|Lovelace|ada@example|Grace/);
    expect(await openEvent(protector, recorded(personStream, sealed))).toEqual(recorded(personStream, registered));
  });

  it('seals only the fields an update carries, and keeps a null reason null', async () => {
    const update = newEvent('PersonDetailsUpdated', { personId: person, email: null });
    const sealed = await sealEvent(protector, personStream, update);
    expect(Object.hasOwn(sealed.data as object, 'name')).toBe(false);
    expect(isSealed((sealed.data as Record<string, unknown>)['email'])).toBe(true);
    expect(sealed.metadata['reason']).toBeNull();
  });

  it('asks for no key for an event without personal data', async () => {
    const managerSet = newEvent('ManagerSet', { personId: person, managerId: null });
    expect(await sealEvent(protector, personStream, managerSet)).toEqual(managerSet);
    expect(store.keys.size).toBe(0);
  });

  it("seals a team membership's reason under the member's key, and leaves other teams' and roles' events alone", async () => {
    const added = newEvent('TeamMemberAdded', { teamId: team, personId: person }, 'Ada moves to growth');
    const sealed = await sealEvent(protector, `rb/acme/team/${team}`, added);
    expect(isSealed(sealed.metadata['reason'])).toBe(true);
    expect(store.keys.has(JSON.stringify(['acme', person]))).toBe(true);
    const created = newEvent('TeamCreated', { teamId: team, name: 'Growth' }, 'new squad');
    expect(await sealEvent(protector, `rb/acme/team/${team}`, created)).toEqual(created);
    const defined = newEvent('RoleDefined', { roleId: role, name: 'PM' }, 'seed');
    expect(await sealEvent(protector, `rb/acme/role/${role}`, defined)).toEqual(defined);
  });

  it("keeps the erasure's own reason in the clear", async () => {
    const erased = newEvent('PersonalDataErased', { personId: person }, 'request DSR-118');
    expect(await sealEvent(protector, personStream, erased)).toEqual(erased);
  });

  it('reads plain fields written before sealing existed unchanged', async () => {
    const legacy = recorded(personStream, registered);
    expect(await openEvent(protector, legacy)).toEqual(legacy);
  });

  it('reads an erased person as placeholders, and refuses to seal anything about them again', async () => {
    const sealed = recorded(personStream, await sealEvent(protector, personStream, registered));
    await protector.destroyKey('acme', person, '2026-05-01T00:00:00.000Z');
    const opened = await openEvent(protector, sealed);
    expect(opened.data).toEqual({ personId: person, name: ERASED, email: null, title: 'Analyst' });
    expect(opened.metadata['reason']).toBe(ERASED);
    const assigned = newEvent('RoleAssigned', { personId: person, roleId: role }, 'Ada covers the PM role');
    await expect(sealEvent(protector, personStream, assigned)).rejects.toMatchObject({ constructor: RuleViolation, reason: 'PERSONAL_DATA_ERASED' });
    // without a reason, a structural change needs no key
    const plain = newEvent('RoleAssigned', { personId: person, roleId: role });
    expect(await sealEvent(protector, personStream, plain)).toEqual(plain);
  });
});
