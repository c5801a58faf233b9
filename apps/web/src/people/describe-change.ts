// A recorded change in words, for the timelines: a list of parts where people and roles are
// references (the page names and links them). Unknown event types are shown by their type.

export type Part = string | { person: string } | { role: string };

export interface RecordedChange {
  type: string;
  data: unknown;
}

const field = (data: unknown, name: string): unknown => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined);
const text = (data: unknown, name: string): string | null => {
  const value = field(data, name);
  return typeof value === 'string' ? value : null;
};

export const describeChange = ({ type, data }: RecordedChange): Part[] => {
  switch (type) {
    case 'PersonRegistered': {
      const title = text(data, 'title');
      return title ? [`Joined as ${title}`] : ['Joined'];
    }
    case 'PersonDetailsUpdated':
      return [
        `Details updated (${
          Object.keys(data ?? {})
            .filter((k) => k !== 'personId')
            .join(', ') || 'none'
        })`,
      ];
    case 'PersonTitleChanged': {
      const title = text(data, 'title');
      return [title ? `Title changed to ${title}` : 'Title removed'];
    }
    case 'ManagerSet': {
      const managerId = text(data, 'managerId');
      return managerId ? ['Reports to ', { person: managerId }] : ['No longer reports to anyone'];
    }
    case 'RoleAssigned': {
      const roleId = text(data, 'roleId');
      const allocation = field(data, 'allocationPercent');
      return roleId ? ['Took the role ', { role: roleId }, typeof allocation === 'number' ? ` at ${allocation}%` : ''] : ['Took a role'];
    }
    case 'RoleAssignmentEnded':
      return ['A role assignment ended'];
    case 'PersonTerminated':
      return ['Left the organization'];
    case 'PersonalDataErased':
      return ['Personal data erased'];
    case 'RoleDefined':
      return [`Defined as ${text(data, 'name') ?? 'a role'}`];
    case 'RoleRevised': {
      const fields = Object.keys(data ?? {}).filter((k) => k !== 'roleId');
      return [`Revised: ${fields.join(', ') || 'nothing'}`];
    }
    case 'RoleRetired':
      return ['Retired'];
    default:
      return [type];
  }
};

/** Who made a change, as recorded: an API key, an identity provider's user, an HRIS provider or the system. */
export const describeActor = (actor: string, source: string): string => {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const name = actor.slice(colon + 1);
  const via = source.startsWith('hris:') ? `HRIS (${source.slice(5)})` : source === 'api' ? 'API' : source;
  switch (kind) {
    case 'key':
      return `${name} (API key) via ${via}`;
    case 'user':
      return `user ${name} via ${via}`;
    case 'hris':
      return `HRIS sync (${name})`;
    default:
      // the system's own writers (drift-check, demo-loader, ...)
      return source === 'system' ? (actor === 'system' ? 'the system' : `${actor} (system)`) : `${actor} via ${via}`;
  }
};
