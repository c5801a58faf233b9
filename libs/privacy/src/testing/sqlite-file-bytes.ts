// Every byte SQLite keeps for a database file (the file, its WAL and its shared-memory index),
// for tests that prove a plaintext or a key is (or is no longer) anywhere on disk.
import { existsSync, readFileSync } from 'node:fs';

export const sqliteFileBytes = (filename: string): Buffer =>
  Buffer.concat(
    ['', '-wal', '-shm']
      .map((suffix) => filename + suffix)
      .filter(existsSync)
      .map((f) => readFileSync(f)),
  );
