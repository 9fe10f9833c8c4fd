import { CloseIcon, FileIcon } from '../icons.tsx';
import { fileSize } from '../message/format.ts';
import type { FileDraft } from './useFileDrafts.ts';
import './files.css';

type FileChipsProps = {
  drafts: FileDraft[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
};

/** One chip per file of the message being written: its progress, its problem, a way out. */
export function FileChips({ drafts, onRemove, onRetry }: FileChipsProps) {
  if (drafts.length === 0) return null;
  return (
    <ul className="file-chips" aria-label="Files to send">
      {drafts.map((draft) => {
        const name = draft.file.name;
        const failed = draft.state === 'failed' || draft.state === 'refused';
        return (
          <li key={draft.key} className="file-chip" data-state={draft.state}>
            <FileIcon size={16} className="file-chip__icon" />
            <span className="file-chip__text">
              <span className="file-chip__name">{name}</span>
              <span className="file-chip__meta">
                {draft.state === 'uploading'
                  ? `Uploading… ${Math.round(draft.progress * 100)}%`
                  : draft.state === 'ready'
                    ? fileSize(draft.file.size)
                    : draft.state === 'refused'
                      ? 'Not added'
                      : 'Upload failed'}
              </span>
              {draft.state === 'uploading' ? (
                <progress
                  className="file-chip__progress"
                  value={draft.progress}
                  max={1}
                  aria-label={`Uploading ${name}`}
                />
              ) : null}
              {failed && draft.error ? (
                <span className="file-chip__error" role="alert">
                  {draft.error}
                </span>
              ) : null}
            </span>
            {draft.state === 'failed' ? (
              <button
                type="button"
                className="file-chip__retry"
                aria-label={`Retry uploading ${name}`}
                onClick={() => onRetry(draft.key)}
              >
                Retry
              </button>
            ) : null}
            <button
              type="button"
              className="file-chip__remove"
              aria-label={
                draft.state === 'uploading' ? `Cancel uploading ${name}` : `Remove ${name}`
              }
              onClick={() => onRemove(draft.key)}
            >
              <CloseIcon size={14} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
