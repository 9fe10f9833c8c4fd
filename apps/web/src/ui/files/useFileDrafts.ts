import type { AttachmentLimits, UploadedAttachment } from '@parley/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { refuseFile } from './fileRules.ts';
import { isAbort, uploadFile } from './uploadFile.ts';

/** A file on its way into a message: refused at once, uploading, uploaded, or failed. */
export type FileDraft = {
  key: string;
  file: File;
  state: 'refused' | 'uploading' | 'ready' | 'failed';
  /** 0–1 while uploading. */
  progress: number;
  uploaded: UploadedAttachment | null;
  error: string | null;
};

export type FileDrafts = {
  drafts: FileDraft[];
  add: (files: Iterable<File>) => void;
  /** Stops an upload, or takes a file out of the message. */
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** The uploaded files, in the order they were added. */
  ready: UploadedAttachment[];
  uploading: boolean;
  /** Forgets the files that went out with a message; refused and failed ones stay to be seen. */
  clearSent: () => void;
};

type Options = {
  uploadUrl: string;
  limits: AttachmentLimits | undefined;
  maxFiles: number;
  describeError: (error: unknown) => string;
};

let serial = 0;

/**
 * The files of the message being written: each checked against the limits before upload, then
 * uploaded at once with its progress, cancellable, and retried on request.
 */
export function useFileDrafts({ uploadUrl, limits, maxFiles, describeError }: Options): FileDrafts {
  const [drafts, setDrafts] = useState<FileDraft[]>([]);
  const uploads = useRef(new Map<string, AbortController>());

  const update = useCallback((key: string, change: Partial<FileDraft>) => {
    setDrafts((current) =>
      current.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)),
    );
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      uploads.current.set(key, controller);
      uploadFile(uploadUrl, file, {
        signal: controller.signal,
        onProgress: (sent, total) => update(key, { progress: total > 0 ? sent / total : 0 }),
      })
        .then(
          (uploaded) => update(key, { state: 'ready', progress: 1, uploaded }),
          (error: unknown) => {
            if (!isAbort(error)) update(key, { state: 'failed', error: describeError(error) });
          },
        )
        .finally(() => {
          if (uploads.current.get(key) === controller) uploads.current.delete(key);
        });
    },
    [uploadUrl, update, describeError],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      const incoming = [...files];
      if (incoming.length === 0) return;
      let room = maxFiles - drafts.filter((draft) => draft.state !== 'refused').length;
      const next = incoming.map((file): FileDraft => {
        const refusal =
          room <= 0
            ? `${file.name} wasn’t added: a message can carry at most ${maxFiles} files.`
            : refuseFile(file, limits);
        if (!refusal) room--;
        return {
          key: `file-${++serial}`,
          file,
          state: refusal ? 'refused' : 'uploading',
          progress: 0,
          uploaded: null,
          error: refusal,
        };
      });
      setDrafts((current) => [...current, ...next]);
      for (const draft of next) if (draft.state === 'uploading') start(draft.key, draft.file);
    },
    [drafts, limits, maxFiles, start],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    setDrafts((current) => current.filter((draft) => draft.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const draft = drafts.find((d) => d.key === key);
      if (!draft || draft.state !== 'failed') return;
      update(key, { state: 'uploading', progress: 0, error: null });
      start(key, draft.file);
    },
    [drafts, start, update],
  );

  const clearSent = useCallback(() => {
    setDrafts((current) => current.filter((draft) => draft.state !== 'ready'));
  }, []);

  // Leaving the conversation stops what is still uploading.
  useEffect(() => {
    const running = uploads.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      running.clear();
    };
  }, []);

  return {
    drafts,
    add,
    remove,
    retry,
    ready: drafts.flatMap((draft) => (draft.uploaded ? [draft.uploaded] : [])),
    uploading: drafts.some((draft) => draft.state === 'uploading'),
    clearSent,
  };
}
