import { randomBytes } from 'node:crypto';
import type { Me } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { tooManyRequests, unauthorized } from '../../errors.ts';
import { type Principal, requireStaff } from '../../principal.ts';
import type { Bus } from '../../realtime/bus.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { markSignedIn } from './staff-admin.repo.ts';
import { recordAudit, recordAuditAtMostEvery } from '../audit/index.ts';
import { findDepartmentsOf, findStaffByEmail, type StaffRow, toMe } from './staff.repo.ts';
import {
  deleteSession,
  findDepartmentIds,
  findLiveSession,
  insertSession,
  touchSession,
} from './sessions.repo.ts';
import { issueDeviceToken, knownDeviceOf } from './sign-in-device.service.ts';
import { hashToken } from './token-hash.ts';
import { findLiveApiToken, touchApiToken } from './tokens.repo.ts';
import {
  accountKey,
  addressKey,
  deviceKey,
  reserveAttempt,
  settleSuccess,
  THROTTLE,
} from './sign-in-throttle.service.ts';

export type AuthDeps = { db: Db; bus: Bus };
export { hashToken };

const newSecret = () => randomBytes(32).toString('base64url');

const BAD_CREDENTIALS = 'Email or password is incorrect.';

export async function signIn(
  deps: AuthDeps,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | undefined;
    /** The device cookie this browser holds, if any (ADR 6). */
    device: string | undefined;
  },
): Promise<{ token: string; user: Me; device: string }> {
  const email = input.email.trim().toLowerCase();
  const account = accountKey(email);
  const row = await findStaffByEmail(deps.db, email);
  // A browser this account signed in from before has its own count, so guesses from elsewhere
  // that hold the account do not hold its owner (ADR 6).
  const device = row && (await knownDeviceOf(deps.db, input.device, row.id));
  // Reserved before the password is checked: parallel guesses cannot all pass a check-then-count.
  const reserved = await reserveAttempt(
    deps.db,
    device ? [deviceKey(device)] : [account, addressKey(input.ip)],
  );
  if ('retryAfter' in reserved)
    throw tooManyRequests(
      reserved.retryAfter,
      'Too many failed sign-ins. Wait a little, then try again.',
    );
  // Verify even for an unknown email, so timing does not tell which emails exist.
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash()), input.password);
  // A failure keeps its reservation: that row is the recorded failure.
  if (!row || !ok || row.disabledAt) {
    // The failure that fills the account's (or its device's) count is worth an admin's eye, once.
    const held = device ? deviceKey(device).key : account.key;
    if (row && reserved.reservation.fills.includes(held))
      await recordAudit(deps.db, {
        actor: personOf(row),
        action: 'staff.sign_in_locked',
        object: { kind: 'staff', id: row.id },
        before: null,
        after: { ip: input.ip, minutes: THROTTLE.windowSeconds / 60 },
      });
    throw unauthorized(BAD_CREDENTIALS);
  }
  await settleSuccess(deps.db, reserved.reservation, account);
  // A new id at every sign-in: a cookie planted before sign-in is worth nothing after.
  const token = newSecret();
  await deps.db.transaction(async (tx) => {
    const sessionId = await insertSession(tx, {
      tokenHash: hashToken(token),
      staffId: row.id,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
    });
    await markSignedIn(tx, row.id, new Date());
    await recordAudit(tx, {
      actor: personOf(row, sessionId),
      action: 'staff.signed_in',
      object: { kind: 'staff', id: row.id },
      before: null,
      after: { ip: input.ip },
    });
  });
  return {
    token,
    user: toMe(row, await findDepartmentsOf(deps.db, row.id)),
    device: await issueDeviceToken(deps.db, row.id),
  };
}

/** The person as the actor of their own sign-in. */
const personOf = (row: StaffRow, sessionId?: string): Principal => ({
  kind: 'staff',
  staffId: row.id,
  role: row.role,
  departmentIds: [],
  sessionId,
  tokenId: undefined,
});

/** The principal behind a session cookie, or undefined when it is unknown or has expired. */
export async function authenticateSession(
  deps: AuthDeps,
  token: string,
): Promise<Principal | undefined> {
  const session = await findLiveSession(deps.db, hashToken(token));
  if (!session) return undefined;
  // Idle expiry only needs minute precision; skip the write on most requests.
  if (Date.now() - new Date(session.lastSeenAt).getTime() > 60_000)
    await touchSession(deps.db, session.sessionId);
  return {
    kind: 'staff',
    staffId: session.staffId,
    role: session.role,
    departmentIds: await findDepartmentIds(deps.db, session.staffId),
    sessionId: session.sessionId,
    tokenId: undefined,
    scopes: undefined,
  };
}

/** The principal behind a Bearer token, limited to its scopes; undefined when unusable. */
export async function authenticateApiToken(
  deps: AuthDeps,
  token: string,
): Promise<Principal | undefined> {
  const found = await findLiveApiToken(deps.db, hashToken(token));
  if (!found) return undefined;
  // "Last used" needs minute precision only; an integration's burst writes once.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000)
    await touchApiToken(deps.db, found.tokenId);
  const principal: Principal = {
    kind: 'staff',
    staffId: found.staffId,
    role: found.role,
    departmentIds: await findDepartmentIds(deps.db, found.staffId),
    sessionId: undefined,
    tokenId: found.tokenId,
    scopes: found.scopes,
  };
  if (found.scopes.includes('admin')) await noteAdminTokenUse(deps.db, principal, found.tokenId);
  return principal;
}

/** Ends the caller's session and, on every node, the sockets opened with it. */
export async function signOut(deps: AuthDeps, principal: Principal): Promise<void> {
  const { sessionId } = requireStaff(principal);
  if (!sessionId) return;
  await deleteSession(deps.db, sessionId);
  await deps.bus.publish({ kind: 'session-ended', sessionId });
}

/** How often the use of an admin-scoped token is recorded: at most once per token in this time. */
export const ADMIN_TOKEN_USE_AUDIT_MS = 60 * 60_000;
/** Tokens this node recorded (or saw recorded) lately, and until when it need not ask again. */
const recentAdminTokenUse = new Map<string, number>();

/**
 * A token that may administer the desk is worth watching: its use is audited, at most once an
 * hour per token (across nodes), so a busy integration does not flood the log.
 */
async function noteAdminTokenUse(db: Db, principal: Principal, tokenId: string): Promise<void> {
  const now = Date.now();
  if ((recentAdminTokenUse.get(tokenId) ?? 0) > now) return;
  await recordAuditAtMostEvery(db, ADMIN_TOKEN_USE_AUDIT_MS, {
    actor: principal,
    action: 'token.used',
    object: { kind: 'token', id: tokenId },
    before: null,
    after: null,
  });
  // Bounded: an entry lives an hour; a node with more admin tokens than this just asks again.
  if (recentAdminTokenUse.size > 10_000) recentAdminTokenUse.clear();
  recentAdminTokenUse.set(tokenId, now + ADMIN_TOKEN_USE_AUDIT_MS);
}
