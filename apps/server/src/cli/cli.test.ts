import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { type Db, openPglite } from '../db/client.ts';
import { auditEvents, chats, departments, events, sessions, staff } from '../db/schema.ts';
import { findStaffByEmail, findDepartmentsOf } from '../features/auth/staff.repo.ts';
import { receiveInbound } from '../features/chats/index.ts';
import { createLocalPresence } from '../realtime/presence.ts';
import { engine, makeChannel, uniquePhone } from '../test/harness.ts';
import { run } from './main.ts';

/** Opens the command line's embedded database between two commands. */
async function inDir<T>(dir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openPglite(dir);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const auditActionsOf = (db: Db, id: string) =>
  db
    .select({ action: auditEvents.action, reason: auditEvents.actorReason })
    .from(auditEvents)
    .where(eq(auditEvents.objectId, id))
    .orderBy(auditEvents.at);

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

  it('deactivation takes the desk’s path: open chats return to the queue, all of it audited', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    process.env = { ...saved, PARLEY_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' };
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const email = 'holder@example.com';
    // The first command makes the database; the channel and its department come next.
    expect(
      await run([
        'staff',
        'create',
        '--email',
        'boss@example.com',
        '--name',
        'Bo',
        '--role',
        'admin',
      ]),
    ).toBe(0);
    const { channel, department } = await inDir(dir, (db) => makeChannel(db));
    const created = ['create', '--email', email, '--name', 'Hal', '--role', 'agent'];
    expect(await run(['staff', ...created, '--department', department.name])).toBe(0);
    const chatId = await inDir(dir, async (db) => {
      const presence = createLocalPresence();
      const row = await findStaffByEmail(db, email);
      await db.update(staff).set({ available: true }).where(eq(staff.id, row!.id));
      await presence.connected(row!.id);
      const got = await receiveInbound(
        { db, presence, notifier: { wake: () => undefined } },
        {
          channelId: channel.id,
          providerMessageId: `cli-${Date.now()}`,
          from: uniquePhone(),
          text: 'hi',
        },
      );
      const [chat] = await db.select().from(chats).where(eq(chats.id, got.chatId));
      expect(chat).toMatchObject({ status: 'live', assigneeId: row!.id });
      return got.chatId;
    });

    expect(await run(['staff', 'deactivate', '--email', email])).toBe(0);
    await inDir(dir, async (db) => {
      const row = await findStaffByEmail(db, email);
      const [chat] = await db.select().from(chats).where(eq(chats.id, chatId));
      expect(chat).toMatchObject({ status: 'queued', assigneeId: null });
      const unassigned = await db
        .select()
        .from(events)
        .where(and(eq(events.chatId, chatId), eq(events.type, 'unassigned')));
      expect(unassigned).toHaveLength(1);
      expect(unassigned[0]).toMatchObject({
        actorStaffId: null,
        data: { reason: 'agent_deactivated' },
      });
      expect(await auditActionsOf(db, row!.id)).toEqual([
        { action: 'staff.created', reason: 'operator command line' },
        { action: 'staff.deactivated', reason: 'operator command line' },
      ]);
    });

    expect(await run(['staff', 'reactivate', '--email', email])).toBe(0);
    expect(
      await run(
        ['staff', 'set-password', '--email', email, '--password-stdin'],
        [Buffer.from('a new long password\n')],
      ),
    ).toBe(0);
    await inDir(dir, async (db) => {
      const row = await findStaffByEmail(db, email);
      const audit = await auditActionsOf(db, row!.id);
      expect(audit.map((a) => a.action)).toEqual([
        'staff.created',
        'staff.deactivated',
        'staff.reactivated',
        'staff.password_set',
      ]);
      expect(JSON.stringify(await db.select().from(auditEvents))).not.toContain(
        'a new long password',
      );
    });
  }, 60_000);

  it('refuses to attach an archived department by name, saying so, and creates nobody', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    process.env = { ...saved, PARLEY_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' };
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(
      await run([
        'staff',
        'create',
        '--email',
        'a@example.com',
        '--name',
        'A',
        '--role',
        'agent',
        '--department',
        'Old Sales',
      ]),
    ).toBe(0);
    await inDir(dir, (db) =>
      db
        .update(departments)
        .set({ archivedAt: new Date() })
        .where(eq(departments.name, 'Old Sales')),
    );
    await expect(
      run([
        'staff',
        'create',
        '--email',
        'b@example.com',
        '--name',
        'B',
        '--role',
        'agent',
        '--department',
        'old sales',
      ]),
    ).rejects.toThrow(/"old sales" is archived/);
    expect(await inDir(dir, (db) => findStaffByEmail(db, 'b@example.com'))).toBeUndefined();
  }, 30_000);

  it('prints the usage and fails on an unknown command', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    expect(await run(['staff', 'delete'])).toBe(2);
    expect(printed.join('\n')).toContain('staff set-password');
    expect(printed.join('\n')).toContain('staff deactivate');
  });
});
