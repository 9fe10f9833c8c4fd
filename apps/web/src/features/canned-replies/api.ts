import {
  CannedReply,
  CannedReplyList,
  MAX_PERSONAL_CANNED_REPLIES,
  MAX_SHARED_CANNED_REPLIES,
} from '@parley/contract';
import type { CannedReplyCreateBody, CannedReplyPatchBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const cannedQueryKey = ['canned-replies'] as const;

/** Every reply the person may use: their own and the shared ones, so nothing is cut off. */
const ALL = MAX_PERSONAL_CANNED_REPLIES + MAX_SHARED_CANNED_REPLIES;

export async function fetchCannedReplies({ signal }: { signal?: AbortSignal } = {}) {
  return (await http(`/api/canned-replies?limit=${ALL}`, { parse: CannedReplyList, signal })).items;
}

export function createCannedReply(body: CannedReplyCreateBody) {
  return http('/api/canned-replies', { method: 'POST', body, parse: CannedReply });
}

export function updateCannedReply({ id, ...body }: CannedReplyPatchBody & { id: string }) {
  return http(`/api/canned-replies/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    parse: CannedReply,
  });
}

export function deleteCannedReply(id: string) {
  return httpNoContent(`/api/canned-replies/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
