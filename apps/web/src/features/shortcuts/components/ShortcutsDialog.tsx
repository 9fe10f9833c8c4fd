import * as Dialog from '@radix-ui/react-dialog';
import { Kbd } from '../../../ui/Kbd.tsx';
import { shortcutGroups } from '../shortcuts.ts';
import '../shortcuts.css';

type ShortcutsDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function ShortcutsDialog({ open, onOpenChange }: ShortcutsDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog__content shortcuts">
          <header className="dialog__header">
            <Dialog.Title className="dialog__title">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="button button--ghost button--sm">
              Close <Kbd>Esc</Kbd>
            </Dialog.Close>
          </header>
          <Dialog.Description className="dialog__description">
            Single-key shortcuts work whenever you are not typing in a field.
          </Dialog.Description>
          <div className="shortcuts__groups">
            {shortcutGroups.map((group) => (
              <section key={group.title} className="shortcuts__group">
                <h3 className="shortcuts__heading">{group.title}</h3>
                <dl className="shortcuts__list">
                  {group.items.map((item) => (
                    <div key={item.does} className="shortcuts__item">
                      <dt className="shortcuts__keys">
                        {item.keys.map((key, i) => (
                          <span key={key}>
                            {i > 0 ? <span className="shortcuts__plus">+</span> : null}
                            <Kbd>{key}</Kbd>
                          </span>
                        ))}
                      </dt>
                      <dd className="shortcuts__does">{item.does}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
