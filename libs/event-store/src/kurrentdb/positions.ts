// KurrentDB positions are (commit, prepare) pairs of 64-bit log offsets. An event appended without
// an explicit transaction (all of Rolebook's) sits at (p, p) with its own p, so the port's single
// number is that offset: unique per event and increasing in $all order. It must stay an exact JS
// integer (below 2^53 bytes of log, about 9 PB).
import type { Position } from '@kurrent/kurrentdb-client';

export class UnsupportedPosition extends Error {
  constructor(reason: string) {
    super(`Unsupported KurrentDB position: ${reason}`);
    this.name = 'UnsupportedPosition';
  }
}

export const toPosition = ({ commit, prepare }: Position): number => {
  if (commit !== prepare) throw new UnsupportedPosition('an event written in an explicit transaction (commit != prepare)');
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new UnsupportedPosition('beyond 2^53');
  return Number(commit);
};

export const fromPosition = (position: number): Position => ({ commit: BigInt(position), prepare: BigInt(position) });
