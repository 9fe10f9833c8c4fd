import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPglite } from '../db/client.ts';
import { findStaffByEmail, findDepartmentsOf } from '../features/staff/staff.repo.ts';
import { engine } from '../test/harness.ts';
import { run } from './main.ts';

describe.runIf(engine === 'pglite')('npm run parley -- staff …', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  it('creates a staff member with departments and prints a first password once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    process.env = { ...saved, PARLEY_DATA_DIR: dir, DATABASE_URL: '' };
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const code = await run([
      'staff',
      'create',
      '--email',
      'Nia@Example.com',
      '--name',
      'Nia Naidoo',
      '--role',
      'supervisor',
      '--department',
      'Sales',
      '--department',
      'Support',
    ]);
    expect(code).toBe(0);
    expect(printed.join('\n')).toMatch(/Created supervisor Nia Naidoo <nia@example.com>/);
    expect(printed.join('\n')).toMatch(/Initial password \(shown once\): \S{12,}/);

    const database = await openPglite(dir);
    try {
      const row = await findStaffByEmail(database.db, 'nia@example.com');
      expect(row?.role).toBe('supervisor');
      const depts = await findDepartmentsOf(database.db, row!.id);
      expect(depts.map((d) => d.name)).toEqual(['Sales', 'Support']);
    } finally {
      await database.close();
    }
  }, 30_000);

  it('prints the usage and fails on an unknown command', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    expect(await run(['staff', 'delete'])).toBe(2);
    expect(printed.join('\n')).toContain('staff set-password');
  });
});
