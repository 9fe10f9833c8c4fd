import type { DepartmentHours, WeeklyHours } from '@parley/contract';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessHours, departments } from '../../db/schema.ts';
import { staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { listBusinessHours } from './business-hours.service.ts';
import { departmentOpenAt, describeOpening } from './index.ts';

let t: TestApp;
let admin: { id: string; cookie: string };
beforeAll(async () => {
  t = await testApp();
  admin = await signedIn(t, 'admin');
});

const closedWeek: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const nineToFive = [{ start: '09:00', end: '17:00' }];
const weekdays9to5: WeeklyHours = {
  ...closedWeek,
  mon: nineToFive,
  tue: nineToFive,
  wed: nineToFive,
  thu: nineToFive,
  fri: nineToFive,
};

/** A department of this test's own, so no other test's hours are touched. */
async function makeDepartment(opts: { archived?: boolean } = {}) {
  const [row] = await t.db
    .insert(departments)
    .values({
      name: `Hours ${randomUUID().slice(0, 8)}`,
      archivedAt: opts.archived ? new Date() : null,
    })
    .returning();
  return row!;
}

const get = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/admin/business-hours', headers });
const put = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/admin/business-hours',
    headers,
    payload: payload as object,
  });
const asAdmin = () => ({ cookie: admin.cookie });

async function listed(departmentId: string): Promise<DepartmentHours | undefined> {
  const res = await get(asAdmin());
  expect(res.statusCode).toBe(200);
  return (res.json().items as DepartmentHours[]).find((d) => d.departmentId === departmentId);
}

describe('departmentOpenAt', () => {
  it('is always open for a department without saved hours', async () => {
    const department = await makeDepartment();
    expect(await departmentOpenAt(t.db, department.id, new Date('2026-01-11T03:00:00Z'))).toEqual({
      open: true,
      nextOpening: null,
      timeZone: null,
    });
  });

  it('reads the saved hours: closed on Sunday, opening Monday 09:00 local', async () => {
    const department = await makeDepartment();
    await t.db.insert(businessHours).values({
      departmentId: department.id,
      timeZone: 'Africa/Johannesburg',
      weekly: weekdays9to5,
      holidays: [{ date: '2026-01-12', name: 'Closed Monday' }],
    });
    const sunday = new Date('2026-01-11T10:00:00Z');
    const opening = await departmentOpenAt(t.db, department.id, sunday);
    // Monday the 12th is a holiday: Tuesday 09:00 in Johannesburg is 07:00 UTC.
    expect(opening).toEqual({
      open: false,
      nextOpening: new Date('2026-01-13T07:00:00Z'),
      timeZone: 'Africa/Johannesburg',
    });
    expect(describeOpening(opening.nextOpening!, opening.timeZone!, 'en', sunday)).toBe(
      'on Tuesday at 09:00',
    );
    expect(await departmentOpenAt(t.db, department.id, new Date('2026-01-13T07:00:00Z'))).toEqual({
      open: true,
      nextOpening: null,
      timeZone: 'Africa/Johannesburg',
    });
  });

  it('answers open for a zone the time-zone database does not know, rather than turn people away', async () => {
    const department = await makeDepartment();
    await t.db.insert(businessHours).values({
      departmentId: department.id,
      timeZone: 'Mars/Olympus_Mons',
      weekly: closedWeek,
    });
    expect((await departmentOpenAt(t.db, department.id, new Date())).open).toBe(true);
  });
});

describe('business hours at /api/admin/business-hours', () => {
  it('lists every department that takes work, configured or not, always open by default', async () => {
    const plain = await makeDepartment();
    const archived = await makeDepartment({ archived: true });
    const res = await get(asAdmin());
    expect(res.statusCode).toBe(200);
    const items = res.json().items as DepartmentHours[];
    expect(items.find((d) => d.departmentId === plain.id)).toEqual({
      departmentId: plain.id,
      departmentName: plain.name,
      timeZone: 'UTC',
      weekly: null,
      holidays: [],
      configured: false,
      openNow: true,
      nextChangeAt: null,
    });
    expect(items.some((d) => d.departmentId === archived.id)).toBe(false);
    const names = items.map((d) => d.departmentName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('saves an admin’s hours whole, sorted, and answers them with the state now; audited', async () => {
    const department = await makeDepartment();
    const res = await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'Europe/London',
      weekly: {
        ...weekdays9to5,
        sat: [
          { start: '13:00', end: '15:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
      holidays: [
        { date: '2026-12-26', name: 'Boxing Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const saved = res.json() as DepartmentHours;
    expect(saved).toMatchObject({
      departmentId: department.id,
      departmentName: department.name,
      timeZone: 'Europe/London',
      configured: true,
    });
    expect(saved.weekly!.sat).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '15:00' },
    ]);
    expect(saved.holidays.map((h) => h.date)).toEqual(['2026-12-25', '2026-12-26']);
    expect(typeof saved.openNow).toBe('boolean');
    expect(saved.nextChangeAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await listed(department.id)).toEqual(saved);

    const [audit] = await auditRowsOf(t.db, department.id);
    expect(audit).toMatchObject({
      actorStaffId: admin.id,
      action: 'business_hours.updated',
      objectKind: 'business_hours',
      before: null,
      after: { name: department.name, timeZone: 'Europe/London', holidays: saved.holidays },
    });

    // Saving the same hours again changes nothing and records nothing.
    const again = await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'Europe/London',
      weekly: saved.weekly,
      holidays: [...saved.holidays].reverse(),
    });
    expect(again.statusCode).toBe(200);
    expect(await auditRowsOf(t.db, department.id)).toHaveLength(1);

    // weekly null with no holidays is open around the clock again.
    const reset = await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'Europe/London',
      weekly: null,
      holidays: [],
    });
    expect(reset.json()).toMatchObject({
      weekly: null,
      holidays: [],
      configured: true,
      openNow: true,
      nextChangeAt: null,
    });
    const [latest] = await auditRowsOf(t.db, department.id);
    expect(latest).toMatchObject({
      before: { timeZone: 'Europe/London', weekly: saved.weekly },
      after: { timeZone: 'Europe/London', weekly: null, holidays: [] },
    });
  });

  it('answers with the state at the moment asked: closed on a holiday until local midnight', async () => {
    const department = await makeDepartment();
    const principal = staffPrincipal(admin.id, 'admin');
    await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'America/New_York',
      weekly: null,
      holidays: [{ date: '2026-07-04', name: 'Independence Day' }],
    });
    const stateAt = async (iso: string) =>
      (await listBusinessHours({ db: t.db, now: () => new Date(iso) }, principal)).find(
        (d) => d.departmentId === department.id,
      );
    expect(await stateAt('2026-07-04T15:00:00Z')).toMatchObject({
      openNow: false,
      nextChangeAt: '2026-07-05T04:00:00.000Z',
    });
    expect(await stateAt('2026-07-01T15:00:00Z')).toMatchObject({
      openNow: true,
      nextChangeAt: '2026-07-04T04:00:00.000Z',
    });
  });

  it('answers 422 naming every field that breaks a rule, and saves none of it', async () => {
    const department = await makeDepartment();
    const res = await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'Europe/Atlantis',
      weekly: {
        ...closedWeek,
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '14:00' },
        ],
        tue: [{ start: '17:00', end: '09:00' }],
        wed: [{ start: '10:00', end: '10:00' }],
      },
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-12-25', name: 'Christmas again' },
        { date: '2026-02-30', name: 'No such day' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      {
        field: 'timeZone',
        message: 'is not a time zone the time-zone database knows (e.g. Europe/London)',
      },
      { field: 'weekly.mon.1.start', message: 'overlaps 09:00–12:00 on the same day' },
      { field: 'weekly.tue.0.end', message: 'must be after 17:00' },
      { field: 'weekly.wed.0.end', message: 'must be after 10:00' },
      { field: 'holidays.1.date', message: 'is already a holiday (Christmas Day)' },
      { field: 'holidays.2.date', message: 'is not a day of the calendar' },
    ]);
    expect((await listed(department.id))?.configured).toBe(false);
    expect(await auditRowsOf(t.db, department.id)).toEqual([]);
  });

  it('answers 400 to times and dates in the wrong shape', async () => {
    const department = await makeDepartment();
    for (const weekly of [
      { ...closedWeek, mon: [{ start: '9:00', end: '17:00' }] },
      { ...closedWeek, mon: [{ start: '09:00', end: '24:30' }] },
      { mon: nineToFive },
    ]) {
      const res = await put(asAdmin(), {
        departmentId: department.id,
        timeZone: 'UTC',
        weekly,
        holidays: [],
      });
      expect(res.statusCode, JSON.stringify(weekly)).toBe(400);
    }
    const badDate = await put(asAdmin(), {
      departmentId: department.id,
      timeZone: 'UTC',
      weekly: null,
      holidays: [{ date: '25/12/2026', name: 'Christmas' }],
    });
    expect(badDate.statusCode).toBe(400);
    expect((await listed(department.id))?.configured).toBe(false);
  });

  it('answers 404 for a department that does not exist or no longer takes work', async () => {
    const archived = await makeDepartment({ archived: true });
    for (const departmentId of [randomUUID(), 'not-an-id', archived.id]) {
      const res = await put(asAdmin(), {
        departmentId,
        timeZone: 'UTC',
        weekly: null,
        holidays: [],
      });
      expect(res.statusCode, departmentId).toBe(404);
      expect(res.json().detail).toMatch(/department/);
    }
  });

  it('is read by supervisors and admins, changed by admins only', async () => {
    const department = await makeDepartment();
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const body = {
      departmentId: department.id,
      timeZone: 'Europe/London',
      weekly: weekdays9to5,
      holidays: [],
    };
    expect((await get({ cookie: supervisor.cookie })).statusCode).toBe(200);
    expect((await get({ cookie: agent.cookie })).statusCode).toBe(403);
    expect((await get({})).statusCode).toBe(401);
    const refusal = await put({ cookie: supervisor.cookie }, body);
    expect(refusal.statusCode).toBe(403);
    expect(refusal.json().detail).toMatch(/admin/i);
    expect((await put({ cookie: agent.cookie }, body)).statusCode).toBe(403);
    expect((await put({}, body)).statusCode).toBe(401);
    const readToken = await bearerOf(t.db, admin.id, ['read', 'chats:write', 'customers:write']);
    expect((await get(readToken)).statusCode).toBe(403);
    expect((await put(readToken, body)).statusCode).toBe(403);
    expect((await put(fromForeignPage(admin.cookie), body)).statusCode).toBe(403);
    expect((await listed(department.id))?.configured).toBe(false);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await put(adminToken, body)).statusCode).toBe(200);
    expect((await listed(department.id))?.weekly).toEqual(weekdays9to5);
  });

  it('lets two saves at once take turns: each audit entry starts from what the other left', async () => {
    const department = await makeDepartment();
    const zones = ['Europe/Paris', 'Asia/Tokyo'];
    const answers = await Promise.all(
      zones.map((timeZone) =>
        put(asAdmin(), { departmentId: department.id, timeZone, weekly: null, holidays: [] }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const audits = await auditRowsOf(t.db, department.id);
    expect(audits).toHaveLength(2);
    type Side = { timeZone: string } | null;
    const [second, first] = audits.map((row) => ({
      before: row.before as Side,
      after: row.after as NonNullable<Side>,
    })) as [{ before: Side; after: NonNullable<Side> }, { before: Side; after: NonNullable<Side> }];
    expect(first.before).toBeNull();
    expect(second.before?.timeZone).toBe(first.after.timeZone);
    expect((await listed(department.id))?.timeZone).toBe(second.after.timeZone);
  });
});
