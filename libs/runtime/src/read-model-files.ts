// The files of a read model under DATA_DIR, and how a rebuild beside the live one hands it over.
// For a read model NAME (read-model, read-model.worker, ...):
//   NAME.db                 the first live file;
//   NAME.rebuilt-STAMP.db   a file built beside it by `rolebook rebuild --beside`;
//   NAME.live               names the live file once a rebuilt one has replaced NAME.db;
//   NAME.switch             names a rebuilt file, caught up with the log, to switch to: the process
//                           reading NAME switches as soon as it sees it (or as it starts);
//   NAME.rebuilding         the pid of the rebuild beside in progress: a second one is refused.
// A file is never renamed while open (SQLite finds its -wal and -shm files by the name it was
// opened with): the live file is named, not moved, and every rebuilt file has a name never used
// before. The replaced file is deleted once closed: the log is the backup, a read model is rebuilt.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FIRST = (name: string) => `${name}.db`;
const REBUILT = (name: string) => new RegExp(`^${name.replace(/\./g, '\\.')}\\.rebuilt-[0-9TZ]+\\.db$`);

/** A second rebuild beside the same read model while one runs, or while its result waits to be switched to. */
export class RebuildInProgress extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildInProgress';
  }
}

/** Writes `content` to `file` in one step: a reader sees the old content or the new, never a part. */
const writeAtomically = (file: string, content: string): void => {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
};

const readName = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export class ReadModelFiles {
  constructor(
    readonly dir: string,
    readonly name: string,
  ) {}

  private path(file: string): string {
    return join(this.dir, file);
  }

  private get pointer(): string {
    return this.path(`${this.name}.live`);
  }

  /** The file NAME.switch asks for. */
  get request(): string {
    return this.path(`${this.name}.switch`);
  }

  private get lockFile(): string {
    return this.path(`${this.name}.rebuilding`);
  }

  /** Only NAME.db or one of NAME's rebuilt files: anything else in a pointer or a request is not followed. */
  private own(file: string | null): string | null {
    return file !== null && (file === FIRST(this.name) || REBUILT(this.name).test(file)) ? file : null;
  }

  /** The live file's name (in dir). */
  live(): string {
    return this.own(readName(this.pointer)) ?? FIRST(this.name);
  }

  livePath(): string {
    return this.path(this.live());
  }

  /** The rebuilt file a switch is asked to, if one is and it is there. */
  requested(): string | null {
    const file = this.own(readName(this.request));
    return file !== null && existsSync(this.path(file)) ? file : null;
  }

  /** A name for a file rebuilt beside the live one, never used before. */
  newFile(): string {
    return `${this.name}.rebuilt-${new Date().toISOString().replace(/[-:.]/g, '')}.db`;
  }

  filePath(file: string): string {
    return this.path(file);
  }

  /** Asks the process reading the read model to switch to `file` (caught up with the log, closed). */
  requestSwitch(file: string): void {
    writeAtomically(this.request, file);
  }

  /** Records `file` as the live one and drops the request: the switch is done (or done at start). */
  switched(file: string): void {
    writeAtomically(this.pointer, file);
    this.dropRequest();
  }

  dropRequest(): void {
    rmSync(this.request, { force: true });
  }

  /** Deletes a read model file that no connection has open any more, with its -wal and -shm. */
  remove(file: string): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.path(`${file}${suffix}`), { force: true });
  }

  /** Files of this read model that are neither live nor asked for: the replaced ones, rebuilds that stopped half way. */
  leftovers(): string[] {
    const keep = new Set([this.live(), this.requested()]);
    const ours = (file: string) => file === FIRST(this.name) || REBUILT(this.name).test(file);
    return readdirSync(this.dir).filter((file) => ours(file) && !keep.has(file));
  }

  /**
   * At the start of a process that reads this read model: a switch asked for and not done yet
   * (no process was reading it, or it stopped before switching) is done now, and the replaced
   * file deleted. Answers the live file's path.
   */
  switchAtStart(): string {
    const requested = this.requested();
    if (requested !== null) {
      const replaced = this.live();
      this.switched(requested);
      this.remove(replaced);
    } else this.dropRequest(); // a request for a file that is not there: nothing to switch to
    return this.livePath();
  }

  /**
   * Takes the lock of a rebuild beside: refuses while another runs (its pid is alive on this host) or while
   * a rebuilt file waits to be switched to. Answers the function that releases it.
   */
  lockForRebuild(): () => void {
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(this.lockFile, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const pid = Number(readName(this.lockFile));
        if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
          throw new RebuildInProgress(
            `A rebuild of ${this.name} is running already (pid ${pid}); wait for it to end, or stop it (its lock is ${this.lockFile})`,
          );
        }
        rmSync(this.lockFile, { force: true }); // left by a rebuild that was stopped
      }
    }
    const requested = this.requested();
    if (requested !== null) {
      rmSync(this.lockFile, { force: true });
      throw new RebuildInProgress(
        `${requested} waits to be switched to (${this.request}): start the process that reads ${this.name}, which switches as it starts, or delete ${this.request} to drop it`,
      );
    }
    return () => rmSync(this.lockFile, { force: true });
  }
}
