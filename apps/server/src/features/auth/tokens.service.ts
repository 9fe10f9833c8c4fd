import { randomBytes } from 'node:crypto';
import type { ApiToken, ApiTokenCreateBody, ApiTokenCreated } from '@parley/contract';
import { notFound, unprocessable } from '../../errors.ts';
import { type Principal, requireAdmin, requireBrowserSession } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuthDeps } from './auth.service.ts';
import { hashToken } from './token-hash.ts';
import {
  type ApiTokenRow,
  findUnrevokedApiTokens,
  insertApiToken,
  markApiTokenRevoked,
} from './tokens.repo.ts';

/**
 * Integration tokens. Only an admin signed in to the desk manages them: a token that could mint
 * or revoke tokens would outlive any revocation of itself (api.md: "can never create tokens").
 */
const toApiToken = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as ApiToken['scopes'],
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** What the audit log keeps of a token: never its secret or hash. */
const auditView = (row: ApiTokenRow) => ({
  name: row.name,
  scopes: row.scopes,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

export async function createApiToken(
  deps: AuthDeps,
  principal: Principal,
  input: ApiTokenCreateBody,
): Promise<ApiTokenCreated> {
  requireAdmin(principal);
  const admin = requireBrowserSession(principal);
  const expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt.getTime() <= Date.now())
    throw unprocessable('The token would already have expired.', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  const token = `pat_${randomBytes(32).toString('base64url')}`;
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertApiToken(tx, {
      name: input.name,
      tokenHash: hashToken(token),
      staffId: admin.staffId,
      scopes: input.scopes,
      expiresAt,
    });
    await recordAudit(tx, {
      actor: principal,
      action: 'token.created',
      object: { kind: 'token', id: inserted.id },
      before: null,
      after: auditView(inserted),
    });
    return inserted;
  });
  return { ...toApiToken(row), token };
}

export async function listApiTokens(deps: AuthDeps, principal: Principal): Promise<ApiToken[]> {
  requireAdmin(principal);
  requireBrowserSession(principal);
  return (await findUnrevokedApiTokens(deps.db)).map(toApiToken);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes a token; every node then closes the sockets opened with it. */
export async function revokeApiToken(
  deps: AuthDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requireAdmin(principal);
  requireBrowserSession(principal);
  if (!UUID.test(id)) throw notFound('No such token.');
  await deps.db.transaction(async (tx) => {
    const revoked = await markApiTokenRevoked(tx, id);
    if (!revoked) throw notFound('No such token.');
    await recordAudit(tx, {
      actor: principal,
      action: 'token.revoked',
      object: { kind: 'token', id },
      before: auditView(revoked),
      after: null,
    });
  });
  await deps.bus.publish({ kind: 'token-revoked', tokenId: id });
}
