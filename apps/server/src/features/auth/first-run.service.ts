import type { SetupStatus } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { anyStaffExists } from './staff.repo.ts';

/*
 * A desk started without demo data has nobody who could sign in. The first admin is made on the
 * server's command line (whoever can run it owns the installation); everything else is then done
 * in the Admin area. The start-up banner and the sign-in page both say so.
 */

export const FIRST_ADMIN_COMMAND =
  'npm run parley -- staff create --role admin --name "Your Name" --email you@example.com';

/** True while no staff account exists at all. */
export async function setupNeeded(db: Db): Promise<boolean> {
  return !(await anyStaffExists(db));
}

/** What the sign-in page may know before anyone exists: only whether setup is needed, and how. */
export async function readSetupStatus(deps: { db: Db }): Promise<SetupStatus> {
  return (await setupNeeded(deps.db))
    ? { needed: true, command: FIRST_ADMIN_COMMAND }
    : { needed: false };
}

/** Printed at start-up when nobody can sign in yet. */
export function firstAdminBanner(): string {
  return [
    'Parley has no staff accounts yet. Create the first admin on this machine:',
    '',
    `  ${FIRST_ADMIN_COMMAND}`,
    '',
    'It prints a first password once (or add --password-stdin to pipe your own in). Sign in',
    'with it, then add everyone else, departments and channels in the Admin area.',
    'The embedded database allows one process at a time: stop the server first, or use DATABASE_URL.',
  ].join('\n');
}
