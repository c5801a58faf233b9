// The files of a rebuild beside the live read model: which file is live, the switch done at start,
// what a request may name, and the lock that refuses a second rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelFiles, RebuildInProgress } from './read-model-files';

describe('ReadModelFiles', () => {
  let dir: string;
  let files: ReadModelFiles;
  const touch = (file: string) => writeFileSync(join(dir, file), '');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-files-'));
    files = new ReadModelFiles(dir, 'read-model');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads NAME.db until a switch names another file, and switches at start to a file asked for', () => {
    expect(files.livePath()).toBe(join(dir, 'read-model.db'));
    touch('read-model.db');
    touch('read-model.db-wal');
    const rebuilt = files.newFile();
    expect(rebuilt).toMatch(/^read-model\.rebuilt-\d{8}T\d{9}Z\.db$/);
    touch(rebuilt);
    files.requestSwitch(rebuilt);
    expect(files.switchAtStart()).toBe(join(dir, rebuilt));
    expect(files.live()).toBe(rebuilt);
    expect(existsSync(files.request)).toBe(false);
    expect(existsSync(join(dir, 'read-model.db'))).toBe(false);
    expect(existsSync(join(dir, 'read-model.db-wal'))).toBe(false);
    // nothing asked for: nothing changes
    expect(files.switchAtStart()).toBe(join(dir, rebuilt));
  });

  it('follows no request or pointer to a file that is not one of its own, or not there', () => {
    touch('events.db');
    writeFileSync(files.request, 'events.db');
    expect(files.requested()).toBeNull();
    writeFileSync(files.request, '../read-model.rebuilt-20260101T000000000Z.db');
    expect(files.requested()).toBeNull();
    writeFileSync(files.request, 'read-model.rebuilt-20260101T000000000Z.db'); // not there
    expect(files.requested()).toBeNull();
    writeFileSync(join(dir, 'read-model.live'), 'events.db');
    expect(files.live()).toBe('read-model.db');
    expect(new ReadModelFiles(dir, 'read-model.worker').live()).toBe('read-model.worker.db');
  });

  it('counts as leftovers the files of this read model that are neither live nor asked for', () => {
    const [old, live, stopped] = ['read-model.db', 'read-model.rebuilt-20260101T000000000Z.db', 'read-model.rebuilt-20260102T000000000Z.db'];
    for (const file of [old, live, stopped, 'read-model.worker.db', 'events.db']) touch(file);
    writeFileSync(join(dir, 'read-model.live'), live);
    expect(files.leftovers().sort()).toEqual([old, stopped]);
  });

  it('refuses a second rebuild while one runs or a switch waits, and takes over the lock of one that stopped', () => {
    const release = files.lockForRebuild();
    expect(readFileSync(join(dir, 'read-model.rebuilding'), 'utf8')).toBe(String(process.pid));
    expect(() => files.lockForRebuild()).toThrow(RebuildInProgress);
    expect(() => files.lockForRebuild()).toThrow(`A rebuild of read-model is running already (pid ${process.pid})`);
    release();
    // a lock left by a process that is gone
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'read-model.rebuilding'), gone);
    files.lockForRebuild()();
    // a rebuilt file waiting to be switched to
    const rebuilt = files.newFile();
    touch(rebuilt);
    files.requestSwitch(rebuilt);
    expect(() => files.lockForRebuild()).toThrow(`${rebuilt} waits to be switched to`);
    expect(existsSync(join(dir, 'read-model.rebuilding'))).toBe(false);
  });
});
