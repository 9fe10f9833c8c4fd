import { createHash, randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, auditEvents } from '../../db/schema.ts';
import { makeStaff, signIn, type TestApp } from '../../test/harness.ts';

/** What the admin-area tests share: people of each role, tokens, a foreign page, audit rows. */

export type Scope = 'read' | 'chats:write' | 'customers:write' | 'admin';

/** A staff member of the role, signed in; the cookie to send. */
export async function signedIn(t: TestApp, role: 'admin' | 'supervisor' | 'agent') {
  const person = await makeStaff(t.db, { role });
  return { ...person, cookie: await signIn(t.app, person.email) };
}

/** An API token of the staff member, written as an admin's creation would write it. */
export async function bearerOf(db: Db, staffId: string, scopes: Scope[]) {
  const token = `pat_${randomBytes(32).toString('base64url')}`;
  await db.insert(apiTokens).values({
    name: `test ${scopes.join(' ')}`,
    tokenHash: createHash('sha256').update(token).digest('hex'),
    staffId,
    scopes,
  });
  return { authorization: `Bearer ${token}` };
}

/** Headers of a state change sent from another site's page with the admin's cookie. */
export const fromForeignPage = (cookie: string) => ({
  cookie,
  origin: 'https://evil.example',
  host: 'localhost:3000',
});

/**
 * The audit rows about one object, newest first; without `all`, not the ones the test harness
 * itself causes (its own staff creation, recorded with the reason "test", and sign-ins).
 */
export async function auditRowsOf(db: Db, objectId: string, all = false) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.objectId, objectId))
    .orderBy(desc(auditEvents.at));
  return all
    ? rows
    : rows.filter(
        (row) =>
          !(row.action === 'staff.created' && row.actorReason === 'test') &&
          row.action !== 'staff.signed_in',
      );
}
