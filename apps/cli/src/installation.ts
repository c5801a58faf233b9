// The installation's Rolebook for the length of one CLI command: the configured event store and
// data keys, with a read model of the CLI's own under DATA_DIR (read-model.cli.db), which catches
// up from its checkpoint, so the CLI never shares a read-model file with a running API or worker.
// Commands act as the operator (actor `cli:<os user>`), through the same application layer as the API.
import { createLogger, type Config } from '@rolebook/config';
import { openAccess, openRolebook, type Rolebook } from '@rolebook/runtime';
import { userInfo } from 'node:os';
import { CliError, EXIT } from './cli-error';

export const CLI_READ_MODEL = 'read-model.cli';

/** Who the CLI records as the actor of what it changes. */
export const cliActor = (): string => `cli:${userInfo().username}`;

/** Runs `act` on the installation's Rolebook for `tenant` (which must exist), closing it after whatever happens. */
export const withRolebook = async <T>(config: Config, tenant: string, act: (rolebook: Rolebook) => Promise<T>): Promise<T> => {
  const access = await openAccess(config);
  try {
    if (!(await access.tenants.exists(tenant)))
      throw new CliError(`Tenant "${tenant}" not found (create it with: rolebook tenants create ${tenant})`, EXIT.notFound);
  } finally {
    await access.close();
  }
  // logs go to stderr: stdout is what a script reads
  const logger = createLogger(config.LOG_LEVEL, 2, config.LOG_FORMAT);
  const rolebook = await openRolebook(config, logger, CLI_READ_MODEL);
  try {
    return await act(rolebook);
  } finally {
    await rolebook.close();
  }
};
