// rolebook import FILE --tenant T: an HRIS export (CSV) reconciled with the tenant's org through
// the application's Reconciler, as the operator (actor cli:<user>, source import:csv). --dry-run
// plans and prints; otherwise the plan is applied, with a progress bar on a terminal (stderr), and
// the report printed on stdout. Exit 0 when every row is in, 2 when some were refused (the good
// rows are imported all the same).
import { countsOf } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { SingleBar, Presets } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Output } from '../access-commands';
import { CliError, EXIT } from '../cli-error';
import { cliActor, withRolebook } from '../installation';
import { csvRecords, type Field } from './csv-records';
import { importReport, type ReportFormat } from './import-report';

export interface ImportOptions {
  tenant: string;
  map: Partial<Record<Field, string>>;
  dryRun: boolean;
  format: ReportFormat;
  /** Whose employee ids the file holds: `csv` (its own), or an HRIS provider whose later syncs then recognise the people. */
  idsFrom: string;
}

const readText = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no file ${file}`, EXIT.notFound);
    throw new CliError(`cannot read ${file} (${code ?? 'error'})`, EXIT.failure);
  }
};

/** A bar on a terminal, nothing elsewhere (a script's stderr stays clean). */
const progressBar = (stream: NodeJS.WriteStream) => {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { stream, format: 'importing [{bar}] {percentage}% | {value}/{total} changes | {duration}s', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
};

export const importFile = async (config: Config, io: Output, file: string, options: ImportOptions): Promise<void> => {
  const records = csvRecords(readText(file), options.map);
  const runId = randomUUID();
  const report = await withRolebook(config, options.tenant, async (rolebook) => {
    const run = {
      tenantId: options.tenant,
      source: 'import:csv' as const,
      directory: options.idsFrom,
      runId,
      actor: cliActor(),
      now: new Date().toISOString(),
    };
    const plan = await rolebook.reconciler.plan(run, records);
    if (options.dryRun) return plan;
    const bar = progressBar(process.stderr);
    try {
      return await rolebook.reconciler.apply(plan, { onProgress: bar.update });
    } finally {
      bar.stop();
    }
  });
  io.out(importReport(report, options.format, options.dryRun));
  const refused = countsOf(report.records).refused;
  if (refused > 0)
    throw new CliError(
      `${refused} of ${report.records.length} rows refused (see the report); the others ${options.dryRun ? 'would be' : 'were'} imported`,
      EXIT.usage,
    );
};
