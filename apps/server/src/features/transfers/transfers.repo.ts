import type { Transfer } from '@parley/contract';
import { and, asc, desc, eq, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.ts';
import {
  channels,
  chats,
  customers,
  departments,
  messages,
  staff,
  transfers,
} from '../../db/schema.ts';

export type TransferRow = typeof transfers.$inferSelect;
type TransferPreview = NonNullable<Transfer['preview']>;

const fromStaff = alias(staff, 'from_staff');
const offeredBy = alias(staff, 'offered_by');
const toAgent = alias(staff, 'to_agent');
const answeredBy = alias(staff, 'answered_by');

/** The columns a Transfer payload is made of, joined once. */
function selectTransfers(db: Db) {
  return db
    .select({
      transfer: transfers,
      from: { id: fromStaff.id, name: fromStaff.name, role: fromStaff.role },
      offeredBy: { id: offeredBy.id, name: offeredBy.name, role: offeredBy.role },
      toAgent: { id: toAgent.id, name: toAgent.name, role: toAgent.role },
      answeredBy: { id: answeredBy.id, name: answeredBy.name, role: answeredBy.role },
      toDepartment: { id: departments.id, name: departments.name },
    })
    .from(transfers)
    .leftJoin(fromStaff, eq(fromStaff.id, transfers.fromStaffId))
    .leftJoin(offeredBy, eq(offeredBy.id, transfers.offeredById))
    .leftJoin(toAgent, eq(toAgent.id, transfers.toStaffId))
    .leftJoin(answeredBy, eq(answeredBy.id, transfers.answeredById))
    .leftJoin(departments, eq(departments.id, transfers.toDepartmentId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectTransfers>['execute']>>[number];

const person = <T extends { id: string | null }>(p: T | null) =>
  p && p.id ? (p as T & { id: string }) : null;

/** The one builder of a Transfer payload (without the preview, which only the receiver gets). */
function toTransfer(s: Selected): Transfer {
  const t = s.transfer;
  return {
    id: t.id,
    chatId: t.chatId,
    from: person(s.from),
    offeredBy: person(s.offeredBy),
    toAgent: person(s.toAgent),
    toDepartment: person(s.toDepartment),
    note: t.note,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    state: t.state,
    reason: t.reason,
    answeredBy: person(s.answeredBy),
    answeredAt: t.answeredAt?.toISOString() ?? null,
    acknowledgedAt: t.acknowledgedAt?.toISOString() ?? null,
  };
}

export async function findTransfer(db: Db, id: string): Promise<Transfer | undefined> {
  const [row] = await selectTransfers(db).where(eq(transfers.id, id));
  return row ? toTransfer(row) : undefined;
}

export async function findTransferRow(db: Db, id: string): Promise<TransferRow | undefined> {
  const [row] = await db.select().from(transfers).where(eq(transfers.id, id));
  return row;
}

/** The transfer's row, locked: take the chat's row first, so every path locks in one order. */
export async function lockTransferRow(tx: Db, id: string): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  return row;
}

/** The chat's open offer, locked (at most one: transfers_one_open_idx). */
export async function lockOpenTransferOfChat(
  tx: Db,
  chatId: string,
): Promise<TransferRow | undefined> {
  const [row] = await tx
    .select()
    .from(transfers)
    .where(and(eq(transfers.chatId, chatId), eq(transfers.state, 'offered')))
    .for('update');
  return row;
}

export async function insertTransfer(
  tx: Db,
  values: {
    chatId: string;
    fromStaffId: string;
    offeredById: string;
    toStaffId: string | null;
    toDepartmentId: string | null;
    note: string;
    expiresAt: Date;
  },
): Promise<TransferRow> {
  const [row] = await tx.insert(transfers).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateTransfer(
  tx: Db,
  id: string,
  values: Partial<
    Pick<TransferRow, 'state' | 'reason' | 'answeredById' | 'answeredAt' | 'acknowledgedAt'>
  >,
): Promise<void> {
  await tx.update(transfers).set(values).where(eq(transfers.id, id));
}

/** Offers still open whose time is up, oldest deadline first (transfers_due_idx). */
export async function findDueTransferIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: transfers.id })
    .from(transfers)
    .where(and(eq(transfers.state, 'offered'), lte(transfers.expiresAt, now)))
    .orderBy(asc(transfers.expiresAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Open offers waiting on me: naming me, or a department of mine with nobody named. */
export async function findIncomingTransfers(
  db: Db,
  me: { staffId: string; departmentIds: string[] },
): Promise<Transfer[]> {
  const toMyDepartment: SQL | undefined =
    me.departmentIds.length > 0
      ? and(isNull(transfers.toStaffId), inArray(transfers.toDepartmentId, me.departmentIds))
      : undefined;
  const rows = await selectTransfers(db)
    .where(
      and(
        eq(transfers.state, 'offered'),
        or(eq(transfers.toStaffId, me.staffId), toMyDepartment),
        sql`${transfers.fromStaffId} is distinct from ${me.staffId}`,
      ),
    )
    .orderBy(asc(transfers.createdAt));
  return rows.map(toTransfer);
}

/** My offers: open ones, and rejected or returned ones I have not acknowledged yet. */
export async function findOutgoingTransfers(db: Db, staffId: string): Promise<Transfer[]> {
  const rows = await selectTransfers(db)
    .where(
      and(
        or(eq(transfers.fromStaffId, staffId), eq(transfers.offeredById, staffId)),
        or(
          eq(transfers.state, 'offered'),
          and(inArray(transfers.state, ['rejected', 'returned']), isNull(transfers.acknowledgedAt)),
        ),
      ),
    )
    .orderBy(desc(transfers.createdAt));
  return rows.map(toTransfer);
}

/** A colleague as a transfer sees them: whether they could take a chat now, and their load. */
export type StaffWithLoad = {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  available: boolean;
  disabled: boolean;
  capacity: number;
  load: number;
  departmentIds: string[];
};

/**
 * Staff with their live-chat count and departments: those named, or every available one that
 * is not deactivated. Not locked: an offer only asks; the acceptance locks and counts again.
 */
export async function findStaffWithLoad(
  db: Db,
  filter: { ids: string[] } | { availableOnly: true },
): Promise<StaffWithLoad[]> {
  if ('ids' in filter && filter.ids.length === 0) return [];
  const where =
    'ids' in filter
      ? sql`s.id = any(${sql.param(filter.ids)}::uuid[])`
      : sql`s.available and s.disabled_at is null`;
  return queryRows<StaffWithLoad>(
    db,
    sql`select s.id, s.name, s.role, s.available, s.capacity,
          s.disabled_at is not null as disabled,
          (select count(*)::int from chats c where c.assignee_id = s.id and c.status = 'live') as load,
          coalesce((select array_agg(sd.department_id::text order by sd.department_id)
                      from staff_departments sd where sd.staff_id = s.id), '{}'::text[])
            as "departmentIds"
        from staff s where ${where} order by s.name, s.id`,
  );
}

export type DepartmentRow = { id: string; name: string; archivedAt: Date | null };

export async function findDepartmentRow(db: Db, id: string): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .select({ id: departments.id, name: departments.name, archivedAt: departments.archivedAt })
    .from(departments)
    .where(eq(departments.id, id));
  return row;
}

/** Departments that take work (not archived), by name. */
export async function findActiveDepartments(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(isNull(departments.archivedAt))
    .orderBy(asc(departments.name));
}

/** Who the customer is, where they wrote from, and the last few lines said. */
export async function findPreview(
  db: Db,
  chatId: string,
  lines: number,
): Promise<TransferPreview | undefined> {
  const [head] = await db
    .select({
      customer: { id: customers.id, phone: customers.phone, name: customers.name },
      channel: { id: channels.id, kind: channels.kind, name: channels.name },
    })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .where(eq(chats.id, chatId));
  if (!head) return undefined;
  const last = await db
    .select({ direction: messages.direction, text: messages.text, at: messages.createdAt })
    .from(messages)
    // What the customer and staff said: auto-replies tell the receiver nothing.
    .where(and(eq(messages.chatId, chatId), ne(messages.authorKind, 'system')))
    .orderBy(desc(messages.seq))
    .limit(lines);
  return {
    ...head,
    messages: last.reverse().map((m) => ({ ...m, at: m.at.toISOString() })),
  };
}
