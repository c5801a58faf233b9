// Where a command's document goes: stdout, or the file --out names. A file is written beside its
// final name and renamed once complete, so a failed export never leaves half a document behind.
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { CliError, EXIT } from '../cli-error';

const write = async (stream: Writable, chunk: string): Promise<void> => {
  if (!stream.write(chunk)) await once(stream, 'drain');
};

/** Writes the chunks, in order, to `file` (replacing it) or, without one, to stdout. */
export const writeDocument = async (chunks: Iterable<string>, file?: string): Promise<void> => {
  if (file === undefined) {
    for (const chunk of chunks) await write(process.stdout, chunk);
    return;
  }
  const partial = `${file}.${process.pid}.partial`;
  const stream = createWriteStream(partial, { flags: 'wx' });
  try {
    await once(stream, 'open');
    for (const chunk of chunks) await write(stream, chunk);
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    renameSync(partial, file);
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`Cannot write ${file} (${code})`, EXIT.failure);
    throw error;
  }
};
