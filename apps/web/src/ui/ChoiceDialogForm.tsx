import type { ReactNode } from 'react';
import { describeError } from '../app/http.ts';
import { Button } from './Button.tsx';
import { DialogActions, DialogClose, DialogDescription, DialogTitle } from './Dialog.tsx';

type ChoiceDialogFormProps = {
  title: ReactNode;
  description: ReactNode;
  /** What the choices are for, said to screen readers ("Assign to"). */
  legend: string;
  /** The radio choices. */
  children: ReactNode;
  /** Nothing chosen yet: the submit button waits. */
  chosen: boolean;
  pending: boolean;
  /** The server's refusal, shown above the buttons. */
  error: unknown;
  submit: { label: string; pendingLabel: string };
  onSubmit: () => void;
};

/**
 * A dialog's body that asks for one choice among people or places (assign a chat, transfer a
 * ticket): title, description, the choices, the server's refusal, Cancel and the action.
 */
export function ChoiceDialogForm(props: ChoiceDialogFormProps) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (props.chosen && !props.pending) props.onSubmit();
      }}
    >
      <DialogTitle>{props.title}</DialogTitle>
      <DialogDescription>{props.description}</DialogDescription>
      <fieldset className="sup-assign__choices">
        <legend className="visually-hidden">{props.legend}</legend>
        {props.children}
      </fieldset>
      {props.error ? (
        <p className="sup-assign__error" role="alert">
          {describeError(props.error)}
        </p>
      ) : null}
      <DialogActions>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={!props.chosen} pending={props.pending}>
          {props.pending ? props.submit.pendingLabel : props.submit.label}
        </Button>
      </DialogActions>
    </form>
  );
}
