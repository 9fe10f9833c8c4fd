import { useState } from 'react';
import type { DragEvent } from 'react';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/** Files dropped anywhere on an area go to `onFiles`; `dragging` lights the area up meanwhile. */
export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  if (!enabled) return { dragging: false, handlers: {} };
  return {
    dragging,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        if (!dragging) setDragging(true);
      },
      onDragLeave: (event: DragEvent) => {
        // Moving between children fires leave too; only leaving the area counts.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        onFiles([...event.dataTransfer.files]);
      },
    },
  };
}

/** The files a paste carries (a screenshot, a copied file), or none for plain text. */
export function pastedFiles(data: DataTransfer): File[] {
  return [...data.files];
}
