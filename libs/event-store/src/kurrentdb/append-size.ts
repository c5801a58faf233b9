// KurrentDB refuses an append whose events together exceed its MaxAppendSize (1 MiB by default on
// v24.10 and v25.0), counting each event as the server's Event.SizeOnDisk does: data bytes +
// metadata bytes + 2 bytes per character of the type (server: Streams/Append.cs and Event.cs,
// `size += Event.SizeOnDisk(eventType, data, metadata); if (size > _maxAppendSize) throw
// RpcExceptions.MaxAppendSizeExceeded`). The client sends JSON data and metadata as
// JSON.stringify's UTF-8 bytes.
import type { NewEvent } from '../port';

/** The server's default MaxAppendSize, in bytes. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export const sizeOnDisk = (event: NewEvent): number =>
  Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + event.type.length * 2;

/**
 * The events in order, cut into the fewest consecutive parts each within `max` bytes (greedy, so
 * the same events and limit always give the same parts). An event larger than `max` on its own is
 * a part of its own, which the server will refuse.
 */
export const splitByAppendSize = (events: readonly NewEvent[], max: number): NewEvent[][] => {
  const parts: NewEvent[][] = [];
  let current: NewEvent[] = [];
  let size = 0;
  for (const event of events) {
    const eventSize = sizeOnDisk(event);
    if (current.length > 0 && size + eventSize > max) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += eventSize;
  }
  if (current.length > 0) parts.push(current);
  return parts;
};
