import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { type Db, openPglite } from '../db/client.ts';
import { sessions } from '../db/schema.ts';
import { findStaffByEmail, findDepartmentsOf } from '../features/auth/staff.repo.ts';
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

  it('deactivates a staff member, ending their sessions, and reactivates them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    process.env = { ...saved, PARLEY_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' };
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const email = 'leaver@example.com';
    expect(
      await run(['staff', 'create', '--email', email, '--name', 'Lee', '--role', 'agent']),
    ).toBe(0);
    const inspect = async <T>(fn: (db: Db, id: string) => Promise<T>) => {
      const database = await openPglite(dir);
      try {
        const row = await findStaffByEmail(database.db, email);
        return await fn(database.db, row!.id);
      } finally {
        await database.close();
      }
    };
    await inspect((db, id) => db.insert(sessions).values({ tokenHash: `cli-${id}`, staffId: id }));

    expect(await run(['staff', 'deactivate', '--email', email])).toBe(0);
    expect(printed.join('\n')).toContain('Deactivated Lee <leaver@example.com>');
    const after = await inspect(async (db, id) => ({
      row: await findStaffByEmail(db, email),
      sessions: await db.select().from(sessions).where(eq(sessions.staffId, id)),
    }));
    expect(after.row?.disabledAt).toBeInstanceOf(Date);
    expect(after.sessions).toEqual([]);

    expect(await run(['staff', 'reactivate', '--email', email])).toBe(0);
    expect((await inspect((db) => findStaffByEmail(db, email)))?.disabledAt).toBeNull();
  }, 30_000);

  it('prints the usage and fails on an unknown command', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    expect(await run(['staff', 'delete'])).toBe(2);
    expect(printed.join('\n')).toContain('staff set-password');
    expect(printed.join('\n')).toContain('staff deactivate');
  });
});
