import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { staff } from '../../db/schema.ts';
import { type TestApp, uniqueEmail } from '../../test/harness.ts';

export type Headers = Record<string, string>;

/** Requests and reads the staff administration tests share; `app` is read when each is called. */
export function staffAdminHelpers(app: () => TestApp) {
  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Headers,
    payload?: unknown,
  ) =>
    app().app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newPerson = (extra: Record<string, unknown> = {}) => ({
    name: `New ${randomUUID().slice(0, 6)}`,
    email: uniqueEmail('new'),
    role: 'agent',
    departmentIds: [],
    capacity: 3,
    ...extra,
  });

  const staffRow = async (id: string) =>
    (await app().db.select().from(staff).where(eq(staff.id, id)))[0];
  const staffNamed = async (email: string) =>
    app().db.select().from(staff).where(eq(staff.email, email.toLowerCase()));
  const tokenOf = (url: string) => url.split('/set-password/')[1]!;

  return { call, newPerson, staffRow, staffNamed, tokenOf };
}
