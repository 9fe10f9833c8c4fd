import {
  type CannedReply,
  type CannedReplyCreateBody,
  type CannedReplyList,
  type CannedReplyPatchBody,
  cannedBodyProblem,
  cannedShortcutProblem,
  cannedTitleProblem,
  MAX_PERSONAL_CANNED_REPLIES,
  MAX_SHARED_CANNED_REPLIES,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type FieldError, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type CannedReplyRow,
  type CannedReplySelection,
  countReplies,
  deleteReply,
  findReplyRow,
  findReplySelection,
  findVisibleReplies,
  insertReply,
  lockReplyCount,
  updateReply,
} from './canned-replies.repo.ts';

export type CannedReplyDeps = { db: Db };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHARED_ONLY = 'Only supervisors and admins keep the shared replies.';

/** Shared replies are kept by supervisors and admins; a personal one only by its owner. */
export function canEditReply(
  principal: Principal,
  reply: Pick<CannedReplyRow, 'shared' | 'ownerId'>,
) {
  if (reply.shared) return isSupervisor(principal);
  return principal.kind === 'staff' && reply.ownerId === principal.staffId;
}

/** Whether the caller may know the reply exists: shared ones, and their own. */
const canSeeReply = (principal: Principal, reply: Pick<CannedReplyRow, 'shared' | 'ownerId'>) =>
  reply.shared || (principal.kind === 'staff' && reply.ownerId === principal.staffId);

function toReply(principal: Principal, row: CannedReplySelection): CannedReply {
  const { reply } = row;
  return {
    id: reply.id,
    title: reply.title,
    body: reply.body,
    shortcut: reply.shortcut,
    shared: reply.shared,
    canEdit: canEditReply(principal, reply),
    createdBy: row.createdBy?.id ? row.createdBy : null,
    createdAt: reply.createdAt.toISOString(),
    updatedAt: reply.updatedAt.toISOString(),
  };
}

type Cleaned = { title: string; body: string; shortcut: string | null };

/** The trimmed text, or a 422 naming every field that breaks a rule. */
function cleanText(input: { title: string; body: string; shortcut?: string | null | undefined }) {
  const cleaned: Cleaned = {
    title: input.title.trim(),
    body: input.body.trim(),
    shortcut: input.shortcut?.trim().replace(/^\//u, '') || null,
  };
  const errors: FieldError[] = [];
  const title = cannedTitleProblem(cleaned.title);
  if (title) errors.push({ field: 'title', message: title });
  const body = cannedBodyProblem(cleaned.body);
  if (body) errors.push({ field: 'body', message: body });
  const shortcut = cannedShortcutProblem(cleaned.shortcut ?? '');
  if (shortcut) errors.push({ field: 'shortcut', message: shortcut });
  if (errors.length > 0) throw unprocessable('The canned reply needs another look.', errors);
  return cleaned;
}

const audited = (reply: Cleaned) => ({
  title: reply.title,
  body: reply.body,
  shortcut: reply.shortcut,
});

export async function listCannedReplies(
  deps: CannedReplyDeps,
  principal: Principal,
  query: { q?: string | undefined; limit: number },
): Promise<CannedReplyList> {
  const me = requireStaff(principal);
  const rows = await findVisibleReplies(deps.db, me.staffId, query.q?.trim() ?? '', query.limit);
  return { items: rows.map((row) => toReply(principal, row)) };
}

export async function createCannedReply(
  deps: CannedReplyDeps,
  principal: Principal,
  input: CannedReplyCreateBody,
): Promise<CannedReply> {
  const me = requireStaff(principal);
  const shared = input.shared ?? false;
  if (shared && !isSupervisor(principal)) throw forbidden(SHARED_ONLY);
  const text = cleanText(input);
  const ownerId = shared ? null : me.staffId;
  const id = await deps.db.transaction(async (tx) => {
    await lockReplyCount(tx, ownerId);
    const max = shared ? MAX_SHARED_CANNED_REPLIES : MAX_PERSONAL_CANNED_REPLIES;
    if ((await countReplies(tx, ownerId)) >= max)
      throw unprocessable(
        shared
          ? `The desk keeps at most ${max} shared replies; delete one first.`
          : `You can keep at most ${max} personal replies; delete one first.`,
        [],
      );
    const row = await insertReply(tx, { ...text, shared, ownerId, createdBy: me.staffId });
    if (shared)
      await recordAudit(tx, {
        actor: principal,
        action: 'canned_reply.created',
        object: { kind: 'canned_reply', id: row.id },
        before: null,
        after: audited(text),
      });
    return row.id;
  });
  return loadReply(deps.db, principal, id);
}

async function loadReply(db: Db, principal: Principal, id: string): Promise<CannedReply> {
  const row = await findReplySelection(db, id);
  if (!row) throw new Error('canned reply vanished');
  return toReply(principal, row);
}

/** The reply, locked for the change; 404 when the caller may not know it, 403 when they may not change it. */
async function replyToChange(tx: Db, principal: Principal, id: string): Promise<CannedReplyRow> {
  const row = UUID.test(id) ? await findReplyRow(tx, id) : undefined;
  if (!row || !canSeeReply(principal, row)) throw notFound('No such canned reply.');
  if (!canEditReply(principal, row)) throw forbidden(SHARED_ONLY);
  return row;
}

export async function updateCannedReply(
  deps: CannedReplyDeps,
  principal: Principal,
  id: string,
  input: CannedReplyPatchBody,
): Promise<CannedReply> {
  requireStaff(principal);
  await deps.db.transaction(async (tx) => {
    const row = await replyToChange(tx, principal, id);
    const text = cleanText({
      title: input.title ?? row.title,
      body: input.body ?? row.body,
      shortcut: input.shortcut === undefined ? row.shortcut : input.shortcut,
    });
    await updateReply(tx, id, text);
    if (row.shared)
      await recordAudit(tx, {
        actor: principal,
        action: 'canned_reply.updated',
        object: { kind: 'canned_reply', id },
        before: audited(row),
        after: audited(text),
      });
  });
  return loadReply(deps.db, principal, id);
}

export async function deleteCannedReply(
  deps: CannedReplyDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requireStaff(principal);
  await deps.db.transaction(async (tx) => {
    const row = await replyToChange(tx, principal, id);
    await deleteReply(tx, id);
    if (row.shared)
      await recordAudit(tx, {
        actor: principal,
        action: 'canned_reply.deleted',
        object: { kind: 'canned_reply', id },
        before: audited(row),
        after: null,
      });
  });
}
