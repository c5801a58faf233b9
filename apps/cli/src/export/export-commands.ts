// `rolebook export org|history|drift`: what an auditor takes away, as JSON or CSV, on stdout or in
// the file --out names. Names and emails are in the export (an operator asked for it), never in
// what the command says on stderr.
import type { Config } from '@rolebook/config';
import type { Output } from '../access-commands';
import { withRolebook } from '../installation';
import { writeDocument } from '../output/destination';
import { driftExport } from './drift-export';
import { render, type ExportDocument, type ExportFormat } from './export-format';
import { historyExport } from './history-export';
import { orgExport } from './org-export';

export interface ExportOptions {
  tenant: string;
  asOf?: string;
  knownAt?: string;
  format: ExportFormat;
  out?: string;
}

/** Writes the document, then says on stderr how many records went where. */
const write = async <T>(io: Output, options: ExportOptions, document: ExportDocument<T>, what: string): Promise<void> => {
  let count = 0;
  const records = document.records;
  const counted = (function* () {
    for (const record of records) {
      count++;
      yield record;
    }
  })();
  await writeDocument(render({ ...document, records: counted }, options.format), options.out);
  io.err(`Exported ${count} ${what} of tenant ${options.tenant}${options.out ? ` to ${options.out}` : ''}.`);
};

const instants = (asOf: string | null, knownAt: string | null) =>
  [asOf && `in effect at ${asOf}`, knownAt && `as recorded by ${knownAt}`].filter(Boolean).join(', ');

export const exportOrg = (config: Config, io: Output, options: ExportOptions) =>
  withRolebook(config, options.tenant, async (rolebook) => {
    const at = { asOf: options.asOf ?? new Date().toISOString(), knownAt: options.knownAt ?? null };
    await write(io, options, orgExport(options.tenant, at, rolebook.queries.snapshot(options.tenant, at)), `people (${instants(at.asOf, at.knownAt)})`);
  });

export const exportHistory = (config: Config, io: Output, options: ExportOptions) =>
  withRolebook(config, options.tenant, async (rolebook) => {
    const range = { asOf: options.asOf ?? null, knownAt: options.knownAt ?? null };
    const within = instants(range.asOf, range.knownAt);
    await write(io, options, historyExport(rolebook.events, options.tenant, range), `changes${within ? ` (${within})` : ''}`);
  });

export const exportDrift = (config: Config, io: Output, options: Omit<ExportOptions, 'knownAt'>) =>
  withRolebook(config, options.tenant, async (rolebook) => {
    const asOf = options.asOf ?? new Date().toISOString();
    await write(io, options, driftExport(rolebook.driftQueries, rolebook.queries, options.tenant, asOf), `drift findings (at ${asOf})`);
  });
