import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * The embedded database's folder is held by one process at a time: two processes on one folder
 * silently lose writes. The lock is a directory whose time the holder refreshes; a holder whose
 * event loop is busy (the database's first start can block it for many seconds on a loaded
 * machine) must not look abandoned, so the lock counts as stale only after a minute. A holder that
 * crashed leaves it behind: its process id, written beside it, tells a restart at once that nobody
 * holds the folder any more.
 */
const STALE_MS = 60_000;
const UPDATE_MS = 10_000;

export class FolderLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`${dataDir} is locked`);
    this.name = 'FolderLockedError';
  }
}

const holderFile = (dataDir: string) => path.join(dataDir, 'parley.pid');

function holderIsGone(dataDir: string): boolean {
  let text: string;
  try {
    text = readFileSync(holderFile(dataDir), 'utf8');
  } catch {
    return false; // no record: the holder may be starting; leave it to the staleness rule
  }
  const [pidText, host] = text.split('\n');
  const pid = Number(pidText);
  // Another machine's process (a shared folder) cannot be asked.
  if (!Number.isInteger(pid) || pid <= 0 || host !== os.hostname()) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the folder or throws FolderLockedError; resolves with the release function. */
export async function lockFolder(
  dataDir: string,
  onLost: (err: Error) => void,
): Promise<() => Promise<void>> {
  const lockfilePath = path.join(dataDir, 'parley.lock');
  const options = {
    lockfilePath,
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    onCompromised: onLost,
  };
  const attempt = async () => {
    try {
      return await lockfile.lock(dataDir, options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new FolderLockedError(dataDir);
      throw err;
    }
  };
  let release: () => Promise<void>;
  try {
    release = await attempt();
  } catch (err) {
    if (!(err instanceof FolderLockedError) || !holderIsGone(dataDir)) throw err;
    // The holder crashed: its lock is left over, not held.
    rmSync(lockfilePath, { recursive: true, force: true });
    release = await attempt();
  }
  writeFileSync(holderFile(dataDir), `${process.pid}\n${os.hostname()}\n`);
  return async () => {
    rmSync(holderFile(dataDir), { force: true });
    await release();
  };
}
