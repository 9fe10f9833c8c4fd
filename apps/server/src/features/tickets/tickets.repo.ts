import type { Ticket, TicketCounts, TicketView } from '@parley/contract';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats, departments, staff } from '../../db/schema.ts';
import { type ChatRow, selectChats, ticketFromSelection } from '../chats/index.ts';

/*
 * Tickets' queries. A ticket is a `chats` row with `kind = 'ticket'`: queued while unassigned
 * (through `chats_tickets_idx`), live once assigned, closed.
 */

/** Who is looking at a ticket list, as plain facts: the service decides what they may ask for. */
export type TicketViewer = { staffId: string; departmentIds: string[]; seesEveryone: boolean };

const isTicket = eq(chats.kind, 'ticket');

const inMyDepartments = (viewer: TicketViewer): SQL | undefined =>
  viewer.seesEveryone
    ? undefined
    : viewer.departmentIds.length === 0
      ? sql`false`
      : inArray(chats.departmentId, viewer.departmentIds);

/** Which tickets belong in each view: the same rule the access check follows. */
function viewFilter(view: TicketView, viewer: TicketViewer): SQL | undefined {
  switch (view) {
    case 'unassigned':
      return and(eq(chats.status, 'queued'), isNull(chats.assigneeId), inMyDepartments(viewer));
    case 'assigned':
      return and(
        eq(chats.status, 'live'),
        viewer.seesEveryone ? isNotNull(chats.assigneeId) : eq(chats.assigneeId, viewer.staffId),
      );
    case 'closed':
      return and(eq(chats.status, 'closed'), inMyDepartments(viewer));
  }
}

/** The moment each view sorts by, newest first: closed tickets by their close. */
const sortColumn = (view: TicketView) =>
  view === 'closed'
    ? sql`coalesce(${chats.closedAt}, ${chats.createdAt})`
    : sql`${chats.createdAt}`;

/** The moment a ticket sorts by in a view, for the next page's cursor. */
export const sortMomentOf = (view: TicketView, ticket: Ticket): string =>
  view === 'closed' ? (ticket.closedAt ?? ticket.createdAt) : ticket.createdAt;

/** One page of a view, newest first, and one ticket more when there is a next page. */
export async function findTicketsInView(
  db: Db,
  query: {
    view: TicketView;
    viewer: TicketViewer;
    after: { at: string; id: string } | undefined;
    limit: number;
  },
): Promise<Ticket[]> {
  const column = sortColumn(query.view);
  const after = query.after;
  const page = await selectChats(db)
    .where(
      and(
        isTicket,
        viewFilter(query.view, query.viewer),
        after
          ? or(
              lt(column, new Date(after.at)),
              and(eq(column, new Date(after.at)), lt(chats.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(column), desc(chats.id))
    .limit(query.limit + 1);
  return page.map(ticketFromSelection);
}

/** The navigation's numbers: unassigned in my departments (all for supervisors), and assigned. */
export async function countTickets(db: Db, viewer: TicketViewer): Promise<TicketCounts> {
  const count = async (view: TicketView) => {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(chats)
      .where(and(isTicket, viewFilter(view, viewer)));
    return row?.n ?? 0;
  };
  return { unassigned: await count('unassigned'), assigned: await count('assigned') };
}

/** A ticket's row, locked when asked; undefined when the id is not a ticket. */
export async function findTicketRow(db: Db, id: string, lock = false) {
  const q = db
    .select()
    .from(chats)
    .where(and(eq(chats.id, id), isTicket));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * The oldest unassigned tickets of these departments, at most `count`, locked with SKIP LOCKED:
 * two agents taking at once never get the same ticket (`chats_tickets_idx`).
 */
export async function lockOldestUnassigned(
  tx: Db,
  departmentIds: string[],
  count: number,
): Promise<ChatRow[]> {
  if (departmentIds.length === 0) return [];
  return tx
    .select()
    .from(chats)
    .where(
      and(
        isTicket,
        eq(chats.status, 'queued'),
        isNull(chats.assigneeId),
        inArray(chats.departmentId, departmentIds),
      ),
    )
    .orderBy(asc(chats.createdAt), asc(chats.id))
    .limit(count)
    .for('update', { skipLocked: true });
}

/** A ticket goes to an agent (accepted, or transferred to them). */
export async function assignTicketRow(tx: Db, id: string, agentId: string) {
  await tx
    .update(chats)
    .set({ status: 'live', assigneeId: agentId, stateSince: sql`now()` })
    .where(eq(chats.id, id));
}

/** A ticket waits, unassigned, in a department (transferred there). */
export async function moveTicketToDepartment(tx: Db, id: string, departmentId: string) {
  await tx
    .update(chats)
    .set({ status: 'queued', assigneeId: null, departmentId, stateSince: sql`now()` })
    .where(eq(chats.id, id));
}

/** A ticket closes. */
export async function closeTicketRow(tx: Db, id: string, at: Date) {
  await tx
    .update(chats)
    .set({ status: 'closed', closedAt: at, stateSince: sql`now()` })
    .where(eq(chats.id, id));
}

/** A member of staff who can be given a ticket: exists and is not deactivated. */
export async function findActiveStaff(db: Db, id: string) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.id, id), isNull(staff.disabledAt)));
  return row;
}

/** A department tickets can go to: exists and is not archived. */
export async function findOpenDepartment(db: Db, id: string) {
  const [row] = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, id), isNull(departments.archivedAt)));
  return row;
}

/** A staff member's name, for the events and the bell. */
export async function findStaffName(db: Db, id: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from staff where id = ${id}`);
  return row?.name ?? null;
}
