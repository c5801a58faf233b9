// Race tests of SQLite adapters run real connections in worker threads, which load plain JS: this
// compiles a library's source files (paths relative to its src/) under node_modules/.cache.
import { transformFileSync } from '@swc/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Compiles `files` of the library whose src/ is `srcDir`; answers the compiled path of `entry`. */
export const compileForThreads = (srcDir: string, cacheName: string, files: readonly string[], entry: string): string => {
  const out = resolve(__dirname, '../../../../node_modules/.cache', cacheName);
  for (const file of files) {
    const { code } = transformFileSync(join(srcDir, file), {
      swcrc: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, code);
  }
  return join(out, entry.replace(/\.ts$/, '.js'));
};
