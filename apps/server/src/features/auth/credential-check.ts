import type { Db } from '../../db/client.ts';
import type { CredentialCheck, CredentialState } from '../../realtime/credential-sweep.ts';
import { findLiveCredentials } from './sessions.repo.ts';

/**
 * Which of these sessions and tokens are live now, by the same rules the auth hook applies to
 * each request, with their owners' current role and departments: one query, however many sockets.
 */
export function credentialCheck(db: Db): CredentialCheck {
  return async ({ sessionIds, tokenIds }) => {
    const rows = await findLiveCredentials(db, sessionIds, tokenIds);
    const sessions = new Map<string, CredentialState>();
    const tokens = new Map<string, CredentialState>();
    for (const row of rows)
      (row.kind === 'session' ? sessions : tokens).set(row.id, {
        staffId: row.staff_id,
        role: row.role,
        departmentIds: row.departments ?? [],
      });
    return { sessions, tokens };
  };
}
