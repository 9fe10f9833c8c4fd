import type { Role } from '@parley/contract';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { CredentialCheck, CredentialState } from '../../realtime/credential-sweep.ts';
import { sessionIsLive, tokenIsLive } from './sessions.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which of these sessions and tokens are live now, by the same rules the auth hook applies to
 * each request, with their owners' current role and departments: one query, however many sockets.
 */
export function credentialCheck(db: Db): CredentialCheck {
  return async ({ sessionIds, tokenIds }) => {
    const rows = await queryRows<{
      kind: 'session' | 'token';
      id: string;
      staff_id: string;
      role: Role;
      departments: string[] | null;
    }>(
      db,
      sql`select 'session' as kind, sessions.id::text as id, staff.id::text as staff_id, staff.role,
                 array(select department_id::text from staff_departments
                        where staff_departments.staff_id = staff.id) as departments
            from sessions join staff on staff.id = sessions.staff_id
           where sessions.id = any(${sql.param(sessionIds.filter((id) => UUID.test(id)))}::uuid[])
             and ${sessionIsLive}
          union all
          select 'token', api_tokens.id::text, staff.id::text, staff.role,
                 array(select department_id::text from staff_departments
                        where staff_departments.staff_id = staff.id)
            from api_tokens join staff on staff.id = api_tokens.staff_id
           where api_tokens.id = any(${sql.param(tokenIds.filter((id) => UUID.test(id)))}::uuid[])
             and ${tokenIsLive}`,
    );
    const sessions = new Map<string, CredentialState>();
    const tokens = new Map<string, CredentialState>();
    for (const r of rows)
      (r.kind === 'session' ? sessions : tokens).set(r.id, {
        staffId: r.staff_id,
        role: r.role,
        departmentIds: r.departments ?? [],
      });
    return { sessions, tokens };
  };
}
