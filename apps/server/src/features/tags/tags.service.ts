import { type TagCreateBody, tagNameProblem, type WrapUpTag } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { notFound, unprocessable } from '../../errors.ts';
import { type Principal, requireAdmin, requireStaff } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { findActiveTagNamedLike, findActiveTags, insertTag, markTagDeleted } from './tags.repo.ts';

export type TagDeps = { db: Db };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The wrap-up tags on offer. Every staff member reads them: the close dialog lists them. */
export async function listTags(deps: TagDeps, principal: Principal): Promise<WrapUpTag[]> {
  requireStaff(principal);
  return findActiveTags(deps.db);
}

/** The names a closed chat's tag may take now; for the close rule. */
export async function listActiveTagNames(db: Db): Promise<string[]> {
  return (await findActiveTags(db)).map((t) => t.name);
}

export async function createTag(
  deps: TagDeps,
  principal: Principal,
  input: TagCreateBody,
): Promise<WrapUpTag> {
  requireAdmin(principal);
  const name = input.name.trim();
  const problem = tagNameProblem(name);
  if (problem)
    throw unprocessable('The tag name is not valid.', [{ field: 'name', message: problem }]);
  return deps.db.transaction(async (tx) => {
    // The unique index decides between two admins adding the same name at once.
    const created = await insertTag(tx, name);
    if (!created) {
      const taken = await findActiveTagNamedLike(tx, name);
      throw unprocessable(`A tag named "${taken?.name ?? name}" already exists.`, [
        { field: 'name', message: 'already in use' },
      ]);
    }
    await recordAudit(tx, {
      actor: principal,
      action: 'tag.created',
      object: { kind: 'tag', id: created.id },
      before: null,
      after: { name: created.name },
    });
    return created;
  });
}

/**
 * Takes a tag off the list. The row stays (marked deleted): closed chats keep their tag's text,
 * and the name may be used again.
 */
export async function deleteTag(deps: TagDeps, principal: Principal, id: string): Promise<void> {
  requireAdmin(principal);
  if (!UUID.test(id)) throw notFound('No such tag.');
  await deps.db.transaction(async (tx) => {
    const deleted = await markTagDeleted(tx, id);
    if (!deleted) throw notFound('No such tag.');
    await recordAudit(tx, {
      actor: principal,
      action: 'tag.deleted',
      object: { kind: 'tag', id },
      before: { name: deleted.name },
      after: null,
    });
  });
}
