import { useRef } from 'react';
import { PaperclipIcon } from '../icons.tsx';
import './files.css';

type AttachButtonProps = {
  onFiles: (files: File[]) => void;
  /** The types the picker offers (comma-separated), when known. */
  accept?: string | undefined;
  size?: number;
};

/** A paperclip that opens the file picker; several files at once. */
export function AttachButton({ onFiles, accept, size = 18 }: AttachButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="attach-button"
        aria-label="Attach files"
        title="Attach files"
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon size={size} />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={accept}
        aria-hidden="true"
        tabIndex={-1}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          // The same file may be picked again after it was removed.
          event.target.value = '';
        }}
      />
    </>
  );
}
