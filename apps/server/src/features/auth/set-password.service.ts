import { randomBytes } from 'node:crypto';
import type { SetPasswordInfo, SetPasswordLink } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { AppError, notFound, unprocessable } from '../../errors.ts';
import type { Bus } from '../../realtime/bus.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './passwords.ts';
import { deleteSessionsOf } from './sessions.repo.ts';
import {
  findSetPasswordLink,
  insertSetPasswordLink,
  markSetPasswordLinkUsed,
  retireSetPasswordLinksOf,
} from './set-password.repo.ts';
import { updateStaff } from './staff.repo.ts';
import { hashToken } from './token-hash.ts';

export type SetPasswordDeps = { db: Db; bus?: Bus | undefined };

/** How long a set-password link works after an admin made it. */
export const SET_PASSWORD_LINK_HOURS = 72;

/** Where the web app opens a link, under the desk's address. */
export const setPasswordPath = (token: string) => `/set-password/${token}`;

const gone = (detail: string) => new AppError(410, 'Gone', detail);

/**
 * Makes a new one-time link for the staff member, in the caller's transaction, and retires any
 * earlier one: only the link the admin was shown last works. Only the token's hash is stored.
 */
export async function issueSetPasswordLink(
  tx: Db,
  link: { staffId: string; createdBy: string | null; origin: string; now?: Date },
): Promise<SetPasswordLink> {
  const now = link.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000);
  await retireSetPasswordLinksOf(tx, link.staffId, now);
  await insertSetPasswordLink(tx, {
    tokenHash: hashToken(token),
    staffId: link.staffId,
    createdBy: link.createdBy,
    expiresAt,
  });
  return {
    setPasswordUrl: `${link.origin}${setPasswordPath(token)}`,
    expiresAt: expiresAt.toISOString(),
  };
}

type FoundLink = NonNullable<Awaited<ReturnType<typeof findSetPasswordLink>>>;

/** 404 for a token nobody issued; 410 for one used, replaced, expired or of a closed account. */
function checkUsable(found: FoundLink | undefined, now: Date): FoundLink {
  if (!found) throw notFound('This link is not known. Ask an admin for a new one.');
  if (found.link.usedAt) throw gone('This link was already used. Ask an admin for a new one.');
  if (found.link.expiresAt <= now) throw gone('This link has expired. Ask an admin for a new one.');
  if (found.staff.disabledAt) throw gone('This account is deactivated.');
  return found;
}

/** Whose link this is, for the page that asks for the new password. Anyone holding it may ask. */
export async function readSetPasswordLink(
  deps: SetPasswordDeps,
  token: string,
): Promise<SetPasswordInfo> {
  const found = checkUsable(await findSetPasswordLink(deps.db, hashToken(token)), new Date());
  return { email: found.staff.email, name: found.staff.name };
}

/**
 * Sets the password the link's owner chose and uses the link up. Like any password change it
 * ends every session they had, and on every node their sockets.
 */
export async function useSetPasswordLink(
  deps: SetPasswordDeps,
  token: string,
  password: string,
): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw unprocessable('The password is too short.', [
      { field: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  const passwordHash = await hashPassword(password);
  const staffId = await deps.db.transaction(async (tx) => {
    const now = new Date();
    // Locked: two tabs submitting the same link at once set one password, and the other is told.
    const found = checkUsable(await findSetPasswordLink(tx, hashToken(token), true), now);
    await markSetPasswordLinkUsed(tx, found.link.id, now);
    await updateStaff(tx, found.staff.id, { passwordHash });
    await deleteSessionsOf(tx, found.staff.id);
    return found.staff.id;
  });
  await deps.bus?.publish({ kind: 'staff-disconnect', staffId });
}
