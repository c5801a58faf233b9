// The rolebook command line: tenants and API keys of the installation, and its maintenance
// commands. Every command reads the service's environment (DATA_DIR, DATABASE_URL,
// INSTALLATION_SECRET, EVENT_STORE, ...) as the API does, and ends with an exit code of EXIT.
import { ROLES, type Role } from '@rolebook/auth';
import { ConfigError, isKurrentDbConnectionString, KURRENTDB_CONNECTION_STRING_RULE, loadConfig } from '@rolebook/config';
import { DomainError, NotFound } from '@rolebook/domain';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { instant, slug } from './arguments';
import { createKey, createTenant, listKeys, listTenants, revokeKey, type Output } from './access-commands';
import { CliError, EXIT } from './cli-error';
import { checkDrift, DRIFT_REPORT_FORMATS, reportDrift, type DriftReportFormat } from './drift/drift-commands';
import { exportDrift, exportHistory, exportOrg, type ExportOptions } from './export/export-commands';
import { EXPORT_FORMATS } from './export/export-format';
import { migrateToKurrentDb } from './maintenance/migrate-to-kurrentdb';
import { moveToPostgres } from './maintenance/move-to-postgres';
import { READ_MODEL_NAME, rebuild, type RebuildOptions } from './maintenance/rebuild-read-model';
import { sealKurrentDbLog } from './maintenance/seal-kurrentdb-log';
import { sealPersonalData } from './maintenance/seal-personal-data';
import { DEFAULT_COLUMNS, parseColumnMap } from './import/csv-records';
import { importFile, type ImportOptions } from './import/import-command';
import { REPORT_FORMATS } from './import/import-report';
import { PROVIDERS } from '@rolebook/hris';

export const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

const readModelName = (value: string): string => {
  if (!READ_MODEL_NAME.test(value)) throw new InvalidArgumentError('a file name under DATA_DIR, without extension (a-z, 0-9, ., -).');
  return value;
};

const seconds = (value: string): number => {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('a whole number of seconds.');
  return Number(value);
};

const kurrentDbConnectionString = (value: string): string => {
  if (!isKurrentDbConnectionString(value)) throw new InvalidArgumentError(`a KurrentDB connection string ${KURRENTDB_CONNECTION_STRING_RULE}.`);
  return value;
};

/** The configuration, read when a command runs (so --help needs none). */
const config = () => loadConfig(process.env);

export const buildProgram = (io: Output = consoleOutput): Command => {
  const program = new Command('rolebook')
    .description(
      "Rolebook's command line: tenants and API keys of this installation, imports of HRIS exports, exports and drift reports, and maintenance of its stores.",
    )
    .addHelpText(
      'after',
      `
It acts on the installation's stores directly: run it on a host with the service's environment
(DATA_DIR, or DATABASE_URL and INSTALLATION_SECRET; EVENT_STORE and KURRENTDB_CONNECTION_STRING).

Exit codes: 0 success, 1 failure, 2 usage error (bad command line or input), 3 not found.`,
    )
    // settings below are inherited by the commands created after them
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text) });

  const tenants = program.command('tenants').description('tenants of the installation (a tenant exists only once created here)');
  tenants
    .command('create')
    .description('create a tenant; creating one that exists changes nothing (says so and exits 0)')
    .argument('<slug>', 'the tenant id: a lowercase slug (a-z, 0-9, -), at most 63 characters', slug)
    .action((tenant: string) => createTenant(config(), io, tenant));
  tenants
    .command('list')
    .description('list the tenants, by slug')
    .action(() => listTenants(config(), io));

  const keys = program.command('keys').description('API keys of a tenant (each acts with one role in its tenant; only a hash is kept)');
  keys
    .command('create')
    .description('create an API key and print it, this once, on stdout (notices go to stderr)')
    .requiredOption('--tenant <slug>', 'tenant of the key', slug)
    .requiredOption('--name <name>', 'what the key is for (shown in lists, recorded as the actor key:<name>)')
    .addOption(new Option('--role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory())
    .option('--expires <date>', 'when the key stops working: a date (midnight UTC) or an ISO-8601 date-time with offset', instant)
    .action((options: { tenant: string; name: string; role: Role; expires?: string }) =>
      createKey(config(), io, { tenant: options.tenant, name: options.name, role: options.role, expires: options.expires ?? null }),
    );
  keys
    .command('list')
    .description("list a tenant's keys, revoked and expired ones included, oldest first (never their secrets)")
    .requiredOption('--tenant <slug>', 'tenant of the keys', slug)
    .action((options: { tenant: string }) => listKeys(config(), io, options.tenant));
  keys
    .command('revoke')
    .description('revoke a key: the next request that sends it is refused (revoking it again changes nothing)')
    .requiredOption('--tenant <slug>', 'tenant of the key', slug)
    .argument('<keyId>', 'the id of the key (the ID column of keys list; the middle part of the key)')
    .action((keyId: string, options: { tenant: string }) => revokeKey(config(), io, options.tenant, keyId));

  program
    .command('import')
    .description(
      "reconcile the tenant's org with an HRIS export (CSV): new people, title, manager and team changes, departures; a second run of the same file changes nothing",
    )
    .argument('<file>', `a CSV file whose first line names its columns: ${Object.values(DEFAULT_COLUMNS).join(',')} (employee_id and name required)`)
    .requiredOption('--tenant <slug>', 'tenant to import into', slug)
    .option(
      '--map <field=column,...>',
      'the columns holding the fields, where the header names them otherwise (e.g. employee_id=Employee #,name=Full name)',
      (v, prev) => parseColumnMap(v, prev),
      {},
    )
    .option('--dry-run', 'print what would change, and change nothing', false)
    .addOption(new Option('--format <format>', 'the report on stdout').choices(REPORT_FORMATS).default('table'))
    .addOption(
      new Option('--ids-from <directory>', "whose employee ids the file holds: its own (csv), or an HRIS's, whose later syncs then recognise the people")
        .choices(['csv', ...PROVIDERS])
        .default('csv'),
    )
    .addHelpText(
      'after',
      `
Fields: employee_id, name, email, job_title, manager (the manager's employee id or email), team,
start_date and end_date (YYYY-MM-DD or ISO-8601 with offset), allocation (% of the role the job
title maps to through the reference model's aliases; default 100). Without a manager or team
column, managers or teams are left as they are; an empty cell means none.
Rows that cannot be imported (unknown manager, reporting cycle, bad date, duplicate employee id,
allocation over 100 %, ...) are reported with their line and not imported; the others are.
Exit codes: 0 every row imported (or unchanged), 2 some rows refused or a bad command line or file,
3 tenant or file not found, 1 failure.`,
    )
    .action((file: string, options: ImportOptions) => importFile(config(), io, file, options));

  program
    .command('rebuild')
    .description('refold a read model from the first event, printing progress (stop the service first, or rebuild --beside it while it serves)')
    .option('--read-model <name>', 'the read model under DATA_DIR (read-model.worker for the worker)', readModelName, 'read-model')
    .option('--beside', 'build a new file beside the live one while the service serves, then have the service switch to it')
    .option(
      '--wait <seconds>',
      'with --beside: how long to wait for the service to switch (it switches later, or at its start, if none is running)',
      seconds,
      60,
    )
    .addHelpText(
      'after',
      `
Without --beside the live read model is emptied and refolded in place: stop the process that reads
it first. With --beside it is not touched: the new file (NAME.rebuilt-STAMP.db) is built from the log
and caught up with it, then DATA_DIR/NAME.switch asks the process reading NAME to switch. That
process brings the new file up to its own position while it keeps answering from the live one,
switches between two requests (no request answered from a half-built model, no event lost or
applied twice), then deletes the replaced file. If none is running, it switches as it starts.
A second rebuild is refused while one runs or while a switch waits.`,
    )
    .action((options: RebuildOptions) => rebuild(config(), options));
  program
    .command('migrate-to-kurrentdb')
    .description('copy DATA_DIR/events.db into KurrentDB (EVENT_STORE=kurrentdb), sealing personal data on the way; resumable (stop writers first)')
    .action(() => migrateToKurrentDb(config()));
  program
    .command('move-to-postgres')
    .description(
      "copy the embedded installation's shared state (tenants, API keys, erasure keys, the HRIS webhook inbox and sync runs) from DATA_DIR into DATABASE_URL; a second run copies nothing (stop the API and the worker first)",
    )
    .addHelpText(
      'after',
      `
Needs DATA_DIR (the embedded installation), DATABASE_URL (the target) and INSTALLATION_SECRET set to
the content of DATA_DIR/installation-secret (API key hashes are keyed with it). Everything is copied
in one transaction; if the target holds rows that contradict DATA_DIR's (another installation's
tenant keys, deliveries or erasure keys), nothing is copied and it exits 1. The event log is not
copied (see migrate-to-kurrentdb); read models are rebuilt by each process.`,
    )
    .action(() => moveToPostgres(config(), io));
  program
    .command('seal-personal-data')
    .description(
      'seal the personal data of an embedded log written in plain text, keeping the old log as events.plaintext.db (stop the API and the worker first)',
    )
    .option('--delete-plaintext', 'delete the plain-text log at once instead of keeping it', false)
    .action((options: { deletePlaintext: boolean }) => sealPersonalData(config(), options));
  program
    .command('seal-kurrentdb-log')
    .description(
      'copy the KurrentDB log (EVENT_STORE=kurrentdb) into a new KurrentDB database with its personal data sealed; resumable (stop the API and the worker first)',
    )
    .requiredOption('--to <connection string>', 'the new KurrentDB database (empty, or one an earlier run copied into)', kurrentDbConnectionString)
    .action((options: { to: string }) => sealKurrentDbLog(config(), options));

  const exports = program
    .command('export')
    .description('what an auditor takes away, as JSON or CSV: the org at an instant, its recorded changes, its drift findings');
  const exportCommand = (name: string, description: string) =>
    exports
      .command(name)
      .description(description)
      .requiredOption('--tenant <slug>', 'the tenant to export', slug)
      .addOption(new Option('--format <format>', 'json (one document) or csv (a header, then one line a record)').choices(EXPORT_FORMATS).default('json'))
      .option('--out <file>', 'write to this file (replaced once complete) instead of stdout');
  exportCommand('org', 'every person at an instant with title, manager, teams, roles and allocations (JSON adds the roles and teams)')
    .option('--as-of <date>', 'the org in effect at this instant: a date (midnight UTC) or an ISO-8601 date-time with offset (default: now)', instant)
    .option('--known-at <date>', 'as it was recorded by this instant (default: everything recorded so far)', instant)
    .action((options: ExportOptions) => exportOrg(config(), io, options));
  exportCommand('history', 'the recorded changes, oldest first: who, when (effective and recorded), why, through what, and the change')
    .option('--as-of <date>', 'only changes in effect by this instant (default: all)', instant)
    .option('--known-at <date>', 'only changes recorded by this instant (default: all)', instant)
    .action((options: ExportOptions) => exportHistory(config(), io, options));
  exportCommand('drift', 'the drift findings at an instant (open, waived, resolved) with rule, severity, subject, status, cited passage and source')
    .option('--as-of <date>', 'the findings as they stood at this instant (default: now)', instant)
    .addOption(
      new Option('--known-at <date>').hideHelp().argParser(() => {
        throw new InvalidArgumentError('drift findings have one time axis (a check records them when it runs): give --as-of.');
      }),
    )
    .action((options: Omit<ExportOptions, 'knownAt'>) => exportDrift(config(), io, options));

  const drift = program.command('drift').description('drift of the org from the reference model: run a check, report the findings');
  drift
    .command('check')
    .description('run one drift check now and print its open findings as a table (rule, severity, subject, cited passage and its source)')
    .requiredOption('--tenant <slug>', 'the tenant to check', slug)
    .option('--idempotency-key <key>', 'the same key again records no second run (as runDriftCheck)')
    .action((options: { tenant: string; idempotencyKey?: string }) => checkDrift(config(), io, options));
  drift
    .command('report')
    .description('write a report a person reads: a summary, then the open and waived findings grouped by rule, each with its cited passage and source')
    .requiredOption('--tenant <slug>', 'the tenant to report on', slug)
    .addOption(new Option('--format <format>', 'md (Markdown) or html (one self-contained document)').choices(DRIFT_REPORT_FORMATS).default('md'))
    .option('--as-of <date>', 'the findings as they stood at this instant (default: now)', instant)
    .option('--out <file>', 'write to this file (replaced once complete) instead of stdout')
    .action((options: { tenant: string; format: DriftReportFormat; asOf?: string; out?: string }) => reportDrift(config(), io, options));

  return program;
};

const OPTION_OF_FIELD: Record<string, string> = {
  expiresAt: '--expires',
  name: '--name',
  role: '--role',
  tenantId: '--tenant',
  keyId: '<keyId>',
  slug: '<slug>',
};

/** What an error is worth as an exit code, having told the operator why (commander has told them already for its own). */
export const exitCodeOf = (error: unknown, io: Output = consoleOutput): number => {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) {
    io.err(`error: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    io.err(error.message);
    return EXIT.failure;
  }
  if (error instanceof NotFound) {
    io.err(`error: ${error.message}`);
    return EXIT.notFound;
  }
  if (error instanceof DomainError) {
    // the stores name the fields of their API (`expiresAt must be in the future`); say the option instead
    const option = error.field ? OPTION_OF_FIELD[error.field] : undefined;
    io.err(`error: ${option && error.field && error.message.startsWith(error.field) ? option + error.message.slice(error.field.length) : error.message}`);
    return error.code === 'BAD_USER_INPUT' ? EXIT.usage : EXIT.failure;
  }
  // anything else: its name and message, never its stack (nor the values a command was given)
  io.err(`error: ${error instanceof Error ? (error.name === 'Error' ? error.message : `${error.name}: ${error.message}`) : String(error)}`);
  return EXIT.failure;
};

/** Runs one command line (`process.argv` shaped) to its exit code. */
export const runCli = async (argv: readonly string[], io: Output = consoleOutput): Promise<number> => {
  try {
    await buildProgram(io).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
};
