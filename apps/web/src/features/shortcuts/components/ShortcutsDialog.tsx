import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { shortcutGroups } from '../shortcuts.ts';
import '../shortcuts.css';

type ShortcutsDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function ShortcutsDialog({ open, onOpenChange }: ShortcutsDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="shortcuts">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogClose asChild>
            <Button variant="ghost" size="sm">
              Close <Kbd>Esc</Kbd>
            </Button>
          </DialogClose>
        </DialogHeader>
        <DialogDescription>
          Single-key shortcuts work whenever you are not typing in a field.
        </DialogDescription>
        <div className="shortcuts__groups">
          {shortcutGroups.map((group) => (
            <section key={group.title} className="shortcuts__group">
              <h3 className="shortcuts__heading">{group.title}</h3>
              <dl className="shortcuts__list">
                {group.items.map((item) => (
                  <div key={item.does} className="shortcuts__item">
                    <dt className="shortcuts__keys">
                      {item.keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 ? <span className="shortcuts__plus">+</span> : null}
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
      </DialogContent>
    </Dialog>
  );
}
