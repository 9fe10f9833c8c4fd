import type { Customer, CustomerSearchItem, StaffSummary } from '@parley/contract';
import { and, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, events, staff } from '../../db/schema.ts';
import { formatPhone } from './phone.ts';
import type { ProfileChanges } from './profile-rules.ts';

export type CustomerRow = typeof customers.$inferSelect;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    phone: row.phone,
    phoneDisplay: formatPhone(row.phone),
    name: row.name,
    email: row.email,
    language: row.language,
    company: row.company,
    location: row.location,
    customFields: row.customFields,
    version: row.version,
    optedOut: row.optedOutAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findCustomerRow(db: Db, id: string): Promise<CustomerRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row;
}

/**
 * Saves the changes only if the profile is still at `version`, bumping the version in
 * the same statement: of two saves from the same version, exactly one finds its row.
 */
export async function updateCustomerIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: ProfileChanges,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(customers)
    .set({
      ...changes,
      version: sql`${customers.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(customers.id, id), eq(customers.version, version)))
    .returning();
  return row;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Name or email containing the text, or a number containing its digits (national 0 dropped). */
export async function searchCustomerRows(db: Db, search: string, limit: number) {
  const text = search.trim();
  let where: SQL | undefined;
  if (text !== '') {
    const pattern = `%${escapeLike(text)}%`;
    const matches: (SQL | undefined)[] = [
      ilike(customers.name, pattern),
      ilike(customers.email, pattern),
    ];
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 3 && /^[+\d\s().-]+$/.test(text)) {
      matches.push(like(customers.phone, `%${digits}%`));
      if (digits.startsWith('0')) matches.push(like(customers.phone, `%${digits.slice(1)}%`));
    }
    where = or(...matches);
  }
  const rows = await db
    .select({
      id: customers.id,
      phone: customers.phone,
      name: customers.name,
      email: customers.email,
    })
    .from(customers)
    .where(where)
    .orderBy(desc(customers.updatedAt), desc(customers.id))
    .limit(limit);
  return rows.map((r): CustomerSearchItem => ({ ...r, phoneDisplay: formatPhone(r.phone) }));
}

export async function findStaffSummary(db: Db, id: string): Promise<StaffSummary | undefined> {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(eq(staff.id, id));
  return row;
}

/** Writes an immutable event about a customer, and its chat when it happened on one. */
export async function insertCustomerEvent(
  tx: Db,
  event: {
    customerId: string;
    chatId: string | null;
    type: string;
    staffId: string;
    data: Record<string, unknown>;
  },
): Promise<typeof events.$inferSelect> {
  const [row] = await tx
    .insert(events)
    .values({
      chatId: event.chatId,
      customerId: event.customerId,
      type: event.type,
      actorKind: 'staff',
      actorStaffId: event.staffId,
      data: event.data,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}
