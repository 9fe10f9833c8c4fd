import {
  defaultSettings,
  listSettingKeys,
  settingDefinitions,
  settingKeys,
} from '@parley/contract';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { readSettings } from './index.ts';

/**
 * Settings are one set for the whole database, so these tests set every value they then check
 * and never assume what an earlier test left.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const get = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/admin/settings', headers });
const put = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'PUT', url: '/api/admin/settings', headers, payload: payload as object });

/** Runs `fn` in a transaction that is rolled back, so its changes to the one settings set vanish. */
async function inRolledBack(fn: (tx: TestApp['db']) => Promise<void>) {
  const rollback = new Error('rollback');
  await expect(
    t.db.transaction(async (tx) => {
      await fn(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe('settings at /api/admin/settings', () => {
  it('reads every setting with its default when none was saved, and a stored misfit as its default', async () => {
    expect(defaultSettings()).toEqual({
      agentReplyTimeoutMinutes: 30,
      customerInactivityCloseMinutes: 60,
      customerInactivityWarningMinutes: 5,
      pendingAutoCloseHours: 8,
      transferOfferMinutes: 20,
      queueToTicketMinutes: 15,
      ticketWhenNobodyAvailable: true,
      maxAttachmentMegabytes: 16,
      allowedAttachmentCategories: ['images', 'audio', 'video', 'documents', 'text'],
    });
    await inRolledBack(async (tx) => {
      await tx.delete(settings);
      expect(await readSettings(tx)).toEqual(defaultSettings());
      await tx.insert(settings).values([
        { key: 'pendingAutoCloseHours', value: 99 },
        { key: 'maxAttachmentMegabytes', value: 'lots' },
        { key: 'transferOfferMinutes', value: 7 },
        { key: 'retiredSetting', value: 1 },
        { key: 'allowedAttachmentCategories', value: ['images', 'floppy disks'] },
      ]);
      expect(await readSettings(tx)).toEqual({ ...defaultSettings(), transferOfferMinutes: 7 });
      await tx
        .update(settings)
        .set({ value: ['text', 'images'] })
        .where(eq(settings.key, 'allowedAttachmentCategories'));
      expect((await readSettings(tx)).allowedAttachmentCategories).toEqual(['images', 'text']);
    });
  });

  it('lets an admin change some settings: 200 with the whole set, audited with what changed', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    expect(
      (
        await put(headers, {
          transferOfferMinutes: 20,
          maxAttachmentMegabytes: 16,
          ticketWhenNobodyAvailable: true,
        })
      ).statusCode,
    ).toBe(200);
    const res = await put(headers, {
      transferOfferMinutes: 45,
      maxAttachmentMegabytes: 16,
      ticketWhenNobodyAvailable: false,
    });
    expect(res.statusCode).toBe(200);
    const whole = res.json();
    expect(Object.keys(whole).sort()).toEqual([...settingKeys, ...listSettingKeys].sort());
    expect(whole).toMatchObject({ transferOfferMinutes: 45, ticketWhenNobodyAvailable: false });
    expect((await get(headers)).json()).toEqual(whole);
    expect(await readSettings(t.db)).toEqual(whole);
    const [row] = await t.db
      .select()
      .from(settings)
      .where(eq(settings.key, 'transferOfferMinutes'));
    expect(row?.updatedBy).toBe(admin.id);
    const [audit] = await auditRowsOf(t.db, 'settings');
    expect(audit).toMatchObject({
      actorStaffId: admin.id,
      action: 'settings.updated',
      objectKind: 'settings',
      before: { transferOfferMinutes: 20, ticketWhenNobodyAvailable: true },
      after: { transferOfferMinutes: 45, ticketWhenNobodyAvailable: false },
    });
    // Unchanged values are not part of the record.
    expect(audit?.after).not.toHaveProperty('maxAttachmentMegabytes');
    // Back to how the test harness keeps it (conversations wait in the queue).
    await put(headers, { ticketWhenNobodyAvailable: false, transferOfferMinutes: 20 });
  });

  it('answers 422 naming every field out of range, and saves none of the request', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    await put(headers, { queueToTicketMinutes: 15, agentReplyTimeoutMinutes: 30 });
    const before = (await get(headers)).json();
    const res = await put(headers, {
      queueToTicketMinutes: 16,
      agentReplyTimeoutMinutes: 9,
      pendingAutoCloseHours: 25,
      maxAttachmentMegabytes: 2.5,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'agentReplyTimeoutMinutes', message: 'must be a whole number from 10 to 1440' },
      { field: 'pendingAutoCloseHours', message: 'must be a whole number from 1 to 24' },
      { field: 'maxAttachmentMegabytes', message: 'must be a whole number from 1 to 100' },
    ]);
    expect((await get(headers)).json()).toEqual(before);
    for (const key of settingKeys) {
      const def = settingDefinitions[key];
      if (def.kind !== 'integer') continue;
      for (const value of [def.min - 1, def.max + 1])
        expect((await put(headers, { [key]: value })).statusCode, `${key} ${value}`).toBe(422);
      expect((await put(headers, { [key]: before[key] })).statusCode).toBe(200);
    }
  });

  it('keeps the inactivity warning before the close, naming the field that was sent', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    await put(headers, { customerInactivityCloseMinutes: 30, customerInactivityWarningMinutes: 5 });
    const warning = await put(headers, { customerInactivityWarningMinutes: 30 });
    expect(warning.statusCode).toBe(422);
    expect(warning.json().errors).toEqual([
      {
        field: 'customerInactivityWarningMinutes',
        message: 'must be less than customerInactivityCloseMinutes (30)',
      },
    ]);
    const close = await put(headers, { customerInactivityCloseMinutes: 5 });
    expect(close.statusCode).toBe(422);
    expect(close.json().errors).toEqual([
      {
        field: 'customerInactivityCloseMinutes',
        message: 'must be more than customerInactivityWarningMinutes (5)',
      },
    ]);
    const both = await put(headers, {
      customerInactivityCloseMinutes: 10,
      customerInactivityWarningMinutes: 9,
    });
    expect(both.statusCode).toBe(200);
    expect((await get(headers)).json()).toMatchObject({
      customerInactivityCloseMinutes: 10,
      customerInactivityWarningMinutes: 9,
    });
    await put(headers, { customerInactivityCloseMinutes: 60, customerInactivityWarningMinutes: 5 });
  });

  it('answers 400 to the wrong types or an unknown setting, and changes nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    const before = (await get(headers)).json();
    for (const payload of [
      { transferOfferMinutes: '30' },
      { ticketWhenNobodyAvailable: 'yes' },
      { transferOfferMinutes: 25, darkMode: true },
    ]) {
      const res = await put(headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    expect((await get(headers)).json()).toEqual(before);
  });

  it('is read by supervisors and admins, changed by admins only', async () => {
    const admin = await signedIn(t, 'admin');
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const before = (await get({ cookie: admin.cookie })).json();
    const change = { pendingAutoCloseHours: before.pendingAutoCloseHours === 3 ? 4 : 3 };
    expect((await get({ cookie: supervisor.cookie })).statusCode).toBe(200);
    expect((await get({ cookie: agent.cookie })).statusCode).toBe(403);
    expect((await get({})).statusCode).toBe(401);
    expect((await put({ cookie: supervisor.cookie }, change)).statusCode).toBe(403);
    expect((await put({ cookie: agent.cookie }, change)).statusCode).toBe(403);
    expect((await put({}, change)).statusCode).toBe(401);
    const readToken = await bearerOf(t.db, admin.id, ['read', 'chats:write', 'customers:write']);
    expect((await get(readToken)).statusCode).toBe(403);
    expect((await put(readToken, change)).statusCode).toBe(403);
    expect((await put(fromForeignPage(admin.cookie), change)).statusCode).toBe(403);
    expect((await get({ cookie: admin.cookie })).json()).toEqual(before);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await put(adminToken, change)).statusCode).toBe(200);
    await put({ cookie: admin.cookie }, { pendingAutoCloseHours: before.pendingAutoCloseHours });
  });

  it('is seen at once by another node on the same database', async () => {
    const other = await testApp({ database: t.database });
    const admin = await signedIn(t, 'admin');
    const current = (await get({ cookie: admin.cookie })).json().queueToTicketMinutes as number;
    const next = current === 40 ? 41 : 40;
    expect((await put({ cookie: admin.cookie }, { queueToTicketMinutes: next })).statusCode).toBe(
      200,
    );
    const elsewhere = await other.app.inject({
      url: '/api/admin/settings',
      headers: { cookie: admin.cookie },
    });
    expect(elsewhere.json().queueToTicketMinutes).toBe(next);
    expect((await readSettings(other.db)).queueToTicketMinutes).toBe(next);
    await put({ cookie: admin.cookie }, { queueToTicketMinutes: current });
  });
});
