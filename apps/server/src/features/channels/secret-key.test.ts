import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSecretKey } from '../../config.ts';
import { TEST_SECRET_KEY } from '../../test/harness.ts';
import { installSecretKeys, keyIdOf, sealSecret } from '../../secret-box.ts';
import { KEY_FILE, loadSecretKey } from './secret-key.ts';

const logged = () => {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
    },
  };
};
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'parley-key-'));
const sealedKeyId = () => sealSecret('x', { owner: 'c', name: 'secret' }).split('.')[1];

afterEach(() => installSecretKeys({ current: TEST_SECRET_KEY }));

describe('the channel secret key', () => {
  it('uses PARLEY_SECRET_KEY when it is set, and writes no file', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 5);
    const { lines, log } = logged();
    await loadSecretKey(
      { secretKey: key, previousSecretKeys: [], dataDir: dir, databaseUrl: undefined },
      log,
    );
    expect(sealedKeyId()).toBe(keyIdOf(key));
    expect(lines).toEqual([]);
    expect(() => statSync(path.join(dir, KEY_FILE))).toThrow();
  });

  it('without it, makes a key file readable only by its owner, says so, and reuses it', async () => {
    const dir = path.join(tempDir(), 'data');
    const first = logged();
    const config = {
      secretKey: undefined,
      previousSecretKeys: [],
      dataDir: dir,
      databaseUrl: undefined,
    };
    await loadSecretKey(config, first.log);
    const file = path.join(dir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.lines.join('\n')).toMatch(/info Created .*secret\.key/);
    const key = parseSecretKey(readFileSync(file, 'utf8'))!;
    expect(sealedKeyId()).toBe(keyIdOf(key));
    const second = logged();
    await loadSecretKey(config, second.log);
    expect(sealedKeyId()).toBe(keyIdOf(key));
    expect(second.lines).toEqual([]);
  });

  it('warns that every node needs the same key when a key file is used with PostgreSQL', async () => {
    const { lines, log } = logged();
    await loadSecretKey(
      {
        secretKey: undefined,
        previousSecretKeys: [],
        dataDir: tempDir(),
        databaseUrl: 'postgres://db/x',
      },
      log,
    );
    expect(lines.some((l) => l.startsWith('warn') && l.includes('PARLEY_SECRET_KEY'))).toBe(true);
  });

  it('refuses a key file that does not hold a key', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, KEY_FILE), 'not a key');
    await expect(
      loadSecretKey(
        { secretKey: undefined, previousSecretKeys: [], dataDir: dir, databaseUrl: undefined },
        logged().log,
      ),
    ).rejects.toThrow(/does not hold a 32-byte key/);
  });
});
