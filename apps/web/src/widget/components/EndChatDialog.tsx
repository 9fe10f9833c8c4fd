import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState } from 'react';
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
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFailure(null);
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="button button--secondary button--sm">
          End chat
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content
          className="dialog__content"
          role="alertdialog"
          onCloseAutoFocus={(event) => {
            if (!ended.current) return;
            event.preventDefault();
            onEnded();
          }}
        >
          <Dialog.Title className="dialog__title">End this chat?</Dialog.Title>
          <Dialog.Description className="dialog__description">
            Our team will see that you ended it. You can write again any time to start a new one.
          </Dialog.Description>
          {failure && (
            <p className="dialog__failure" role="alert">
              {failure}
            </p>
          )}
          <div className="dialog__actions">
            <Dialog.Close asChild>
              <button type="button" className="button button--secondary">
                Keep chatting
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void end()}
              aria-busy={busy}
            >
              {busy ? 'Ending…' : 'End chat'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
