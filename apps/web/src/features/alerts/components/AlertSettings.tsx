import type { AlertEvents, PreferencesBody } from '@parley/contract';
import { useId, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { SpeakerIcon } from '../../../ui/icons.tsx';
import { Switch } from '../../../ui/Switch.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import { usePreferences, useSavePreferences } from '../hooks/usePreferences.ts';
import { DesktopPermission } from './DesktopPermission.tsx';
import '../alerts.css';

const ways = [
  { key: 'sound', label: 'Sound', hint: 'A short chime.' },
  {
    key: 'desktop',
    label: 'Browser notifications',
    hint: 'While the Parley tab is in the background; clicking one opens the chat.',
  },
  {
    key: 'titleCount',
    label: 'Count in the tab title',
    hint: 'How many chats need you, until you read them.',
  },
] as const;

const events: { key: keyof AlertEvents; label: string; hint: string }[] = [
  { key: 'newChat', label: 'New chats', hint: 'Routed to you or waiting in your queue.' },
  { key: 'transferOffer', label: 'Transfer offers', hint: 'A colleague offers you a chat.' },
  { key: 'mention', label: 'Mentions', hint: 'A colleague tags you in a chat.' },
  {
    key: 'customerReply',
    label: 'Customer replies',
    hint: 'A customer writes in a chat of yours that is not on screen.',
  },
];

type RowProps = {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: React.ReactNode;
};

function Row({ id, label, hint, checked, onChange, children }: RowProps) {
  return (
    <div className="alert-settings__row">
      <div className="alert-settings__text">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <p id={`${id}-hint`} className="alert-settings__hint">
          {hint}
        </p>
        {children}
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={onChange}
        aria-describedby={`${id}-hint`}
      />
    </div>
  );
}

/** The alert switches: how the desk rings, and for what. Each flip is saved at once. */
function AlertSettingsForm() {
  const id = useId();
  const { preferences } = usePreferences();
  const save = useSavePreferences();
  const change = (body: PreferencesBody) => save.mutate(body);
  return (
    <div className="alert-settings">
      <fieldset className="alert-settings__group">
        <legend className="alert-settings__legend">How</legend>
        {ways.map((way) => (
          <Row
            key={way.key}
            id={`${id}-${way.key}`}
            label={way.label}
            hint={way.hint}
            checked={preferences[way.key]}
            onChange={(checked) => change({ [way.key]: checked })}
          >
            {way.key === 'desktop' && preferences.desktop ? <DesktopPermission /> : null}
          </Row>
        ))}
      </fieldset>
      <fieldset className="alert-settings__group">
        <legend className="alert-settings__legend">For</legend>
        {events.map((event) => (
          <Row
            key={event.key}
            id={`${id}-${event.key}`}
            label={event.label}
            hint={event.hint}
            checked={preferences.events[event.key]}
            onChange={(checked) => change({ events: { [event.key]: checked } })}
          />
        ))}
      </fieldset>
      {save.isError ? (
        <p className="alert-settings__error" role="alert">
          Not saved. {describeError(save.error)}
        </p>
      ) : null}
    </div>
  );
}

/** A button in the sidebar's footer that opens the alert settings. */
export function AlertSettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Tooltip content="Alerts">
        <Button
          variant="ghost"
          size="sm"
          className="icon-button"
          aria-label="Alerts"
          onClick={() => setOpen(true)}
        >
          <SpeakerIcon />
        </Button>
      </Tooltip>
      <DialogContent className="alert-settings__dialog">
        <DialogHeader>
          <DialogTitle>Alerts</DialogTitle>
          <DialogClose asChild>
            <Button variant="ghost" size="sm">
              Close <Kbd>Esc</Kbd>
            </Button>
          </DialogClose>
        </DialogHeader>
        <DialogDescription>
          How Parley gets your attention when something needs you and is not on screen. Saved to
          your account, so every browser you sign in to does the same.
        </DialogDescription>
        {open ? <AlertSettingsForm /> : null}
      </DialogContent>
    </Dialog>
  );
}
