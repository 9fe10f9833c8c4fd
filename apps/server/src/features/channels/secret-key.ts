import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSecretKey } from '../../config.ts';
import { installSecretKeys } from '../../secret-box.ts';

export const KEY_FILE = 'secret.key';

type Log = { info(msg: string): void; warn(msg: string): void };

/**
 * The key that seals channel secrets: PARLEY_SECRET_KEY, or else a key file in the data folder,
 * made on first start (mode 0600) so a single embedded install works without configuration.
 * Several nodes on one PostgreSQL must share one key, so a key file there earns a warning.
 */
export async function loadSecretKey(
  config: {
    secretKey: Buffer | undefined;
    previousSecretKeys: Buffer[];
    dataDir: string;
    databaseUrl: string | undefined;
  },
  log: Log,
): Promise<void> {
  const current = config.secretKey ?? (await readOrCreateKeyFile(config.dataDir, log));
  if (!config.secretKey && config.databaseUrl)
    log.warn(
      'PARLEY_SECRET_KEY is not set: channel secrets are sealed with the key file in ' +
        `${config.dataDir}. Every node on this database must use the same key: set ` +
        'PARLEY_SECRET_KEY to it on each.',
    );
  installSecretKeys({ current, previous: config.previousSecretKeys });
}

async function readOrCreateKeyFile(dataDir: string, log: Log): Promise<Buffer> {
  const file = path.join(dataDir, KEY_FILE);
  try {
    const key = parseSecretKey(await readFile(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 32-byte key (base64 or hex).`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two processes starting at once must not each write, and use, a different key.
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(dataDir, log);
    throw err;
  }
  log.info(
    `Created ${file} to seal channel secrets (PARLEY_SECRET_KEY is not set). ` +
      'Back it up with the database: without it, channel secrets cannot be read.',
  );
  return key;
}
