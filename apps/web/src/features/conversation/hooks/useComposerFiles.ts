import { MAX_ATTACHMENTS_PER_MESSAGE } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../../app/http.ts';
import { acceptAttribute } from '../../../ui/files/fileRules.ts';
import { useFileDrafts } from '../../../ui/files/useFileDrafts.ts';
import { useFileDrop } from '../../../ui/files/useFileDrop.ts';
import {
  attachmentUploadUrl,
  type ConversationSource,
  conversationKeys,
  fetchAttachmentLimits,
} from '../api.ts';

/**
 * The files a reply carries, for a chat or a ticket alike: the admin's limits (checked before
 * upload), the drafts being uploaded, the composer's accept list, and the pane's drop handlers
 * (on only while the person may write).
 */
export function useComposerFiles(id: string, source: ConversationSource, canWrite: boolean) {
  const limits = useQuery({
    queryKey: conversationKeys.attachmentLimits,
    queryFn: ({ signal }) => fetchAttachmentLimits(signal),
    staleTime: 5 * 60_000,
  });
  const files = useFileDrafts({
    uploadUrl: attachmentUploadUrl(id, source),
    limits: limits.data,
    maxFiles: MAX_ATTACHMENTS_PER_MESSAGE,
    describeError,
  });
  const drop = useFileDrop(files.add, canWrite);
  return { files, accept: acceptAttribute(limits.data), drop };
}
