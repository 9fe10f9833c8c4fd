import { useRef, useState } from 'react';
import {
  Dialog,
  DialogActions,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from '../../ui/Dialog.tsx';
import { describeWidgetError } from '../api.ts';

/** Ending is asked once more: it cannot be undone (writing again starts a new chat). */
export function EndChatDialog({
  onEnd,
  onEnded,
}: {
  onEnd: () => Promise<void>;
  /** Where focus goes once ended: the button that opened the dialog is gone by then. */
  onEnded: () => void;
}) {
  const [open, setOpen] = useState(false);
  const ended = useRef(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function end() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await onEnd();
      ended.current = true;
      setOpen(false);
    } catch (error) {
      setFailure(describeWidgetError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFailure(null);
      }}
    >
      <DialogTrigger asChild>
        <button type="button" className="button button--secondary button--sm">
          End chat
        </button>
      </DialogTrigger>
      <DialogContent
        role="alertdialog"
        onCloseAutoFocus={(event) => {
          if (!ended.current) return;
          event.preventDefault();
          onEnded();
        }}
      >
        <DialogTitle>End this chat?</DialogTitle>
        <DialogDescription>
          Our team will see that you ended it. You can write again any time to start a new one.
        </DialogDescription>
        {failure && (
          <p className="dialog__failure" role="alert">
            {failure}
          </p>
        )}
        <DialogActions>
          <DialogClose asChild>
            <button type="button" className="button button--secondary">
              Keep chatting
            </button>
          </DialogClose>
          <button
            type="button"
            className="button button--danger"
            onClick={() => void end()}
            aria-busy={busy}
          >
            {busy ? 'Ending…' : 'End chat'}
          </button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
