// Stored event types carry their version ("RoleDefined.v1"). An upcaster turns version n into
// n + 1 when read, so stored events are never rewritten.

export interface VersionedType {
  type: string;
  version: number;
}

export type Upcaster = (data: unknown) => unknown;

export const storedTypeName = (type: string, version: number): string => `${type}.v${version}`;

export function parseStoredType(stored: string): VersionedType {
  const match = /^(.+)\.v(\d+)$/.exec(stored);
  if (!match) return { type: stored, version: 1 };
  return { type: match[1]!, version: Number(match[2]) };
}

export class UpcasterRegistry {
  private readonly current = new Map<string, number>();
  private readonly upcasters = new Map<string, Upcaster>();

  /** Declares the version the code writes and reads for a type. */
  declare(type: string, version: number): this {
    this.current.set(type, version);
    return this;
  }

  /** Registers the step from `fromVersion` to `fromVersion + 1`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    this.upcasters.set(storedTypeName(type, fromVersion), upcast);
    return this;
  }

  currentVersion(type: string): number {
    const version = this.current.get(type);
    if (version === undefined) throw new Error(`Unknown event type ${type}`);
    return version;
  }

  upcast(storedType: string, data: unknown): { type: string; version: number; data: unknown } {
    let { type, version } = parseStoredType(storedType);
    const target = this.currentVersion(type);
    let current = data;
    while (version < target) {
      const step = this.upcasters.get(storedTypeName(type, version));
      if (!step) throw new Error(`No upcaster from ${storedTypeName(type, version)}`);
      current = step(current);
      version += 1;
    }
    if (version > target) throw new Error(`${storedType} is newer than this code understands`);
    return { type, version, data: current };
  }
}
