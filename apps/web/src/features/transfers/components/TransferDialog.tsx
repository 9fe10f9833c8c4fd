import type { Chat, Me, TransferBody, TransferTargets } from '@parley/contract';
import { useId, useState } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogActions,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { customerLabel } from '../../chats/index.ts';
import { useOfferTransfer, useTransferTargets } from '../hooks/useTransfers.ts';
import '../transfers.css';

export const NOTE_MAX = 1000;
/** The choice that offers the chat to the whole department, whoever takes it first. */
const ANYONE = '';

type TransferDialogProps = {
  chat: Chat;
  me: Me;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Offers the chat to a colleague or a department, with a note; nothing moves until they accept. */
export function TransferDialog({ chat, me, open, onOpenChange }: TransferDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="transfer">
        {/* Mounted only while open: each opening reads who is free now. */}
        <TransferForm chat={chat} me={me} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function TransferForm({ chat, me, onDone }: { chat: Chat; me: Me; onDone: () => void }) {
  const targets = useTransferTargets(chat.id);
  return (
    <>
      <DialogTitle>Transfer the chat with {customerLabel(chat.customer)}</DialogTitle>
      <DialogDescription>
        The chat stays yours until they accept. If nobody does, it comes back to you.
      </DialogDescription>
      {targets.data ? (
        <TargetsForm chat={chat} me={me} targets={targets.data} onDone={onDone} />
      ) : targets.isPending ? (
        <ListSkeleton rows={3} label="Loading who is available" />
      ) : (
        <ErrorState
          compact
          title="Couldn't load who is available."
          error={targets.error}
          onRetry={() => void targets.refetch()}
          retrying={targets.isFetching}
        />
      )}
    </>
  );
}

type TargetsFormProps = { chat: Chat; me: Me; targets: TransferTargets; onDone: () => void };

function TargetsForm({ chat, me, targets, onDone }: TargetsFormProps) {
  const id = useId();
  const departments = targets.departments.some((d) => d.id === chat.department.id)
    ? targets.departments
    : [{ ...chat.department, available: 0 }, ...targets.departments];
  const [departmentId, setDepartmentId] = useState(chat.department.id);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [unchosen, setUnchosen] = useState(false);
  const offer = useOfferTransfer(chat.id, me);

  const department = departments.find((d) => d.id === departmentId)!;
  const agents = targets.agents.filter((agent) => agent.departmentIds.includes(departmentId));
  const anyoneOffered = department.available > 0;
  const errors = isApiError(offer.error, 422) ? offer.error.fieldErrors : [];
  const noteError = errors.find((error) => error.field === 'note')?.message;
  const otherError = offer.error && !noteError ? errorText(offer.error, errors) : null;
  const over = note.length > NOTE_MAX;

  const submit = () => {
    if (offer.isPending || over) return;
    if (agentId === null) {
      setUnchosen(true);
      return;
    }
    const body: TransferBody = { note: note.trim() };
    if (agentId !== ANYONE) body.agentId = agentId;
    if (agentId === ANYONE || departmentId !== chat.department.id) body.departmentId = departmentId;
    offer.mutate(body, { onSuccess: onDone });
  };

  return (
    <form
      className="transfer__form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-department`}>
          Department
        </label>
        <select
          id={`${id}-department`}
          className="input"
          value={departmentId}
          onChange={(event) => {
            setDepartmentId(event.target.value);
            setAgentId(null);
            offer.reset();
          }}
        >
          {departments.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name} · {option.available} available
            </option>
          ))}
        </select>
      </div>

      <fieldset
        className="transfer__targets"
        aria-describedby={unchosen && agentId === null ? `${id}-unchosen` : undefined}
      >
        <legend className="field__label">Who takes it</legend>
        {agents.length === 0 ? (
          <p className="transfer__empty">
            Nobody in {department.name} is available with free capacity.
          </p>
        ) : null}
        {anyoneOffered || agents.length > 0 ? (
          <ul className="transfer__choices">
            {anyoneOffered ? (
              <li>
                <label className="transfer__choice">
                  <input
                    type="radio"
                    name={`${id}-target`}
                    checked={agentId === ANYONE}
                    onChange={() => setAgentId(ANYONE)}
                  />
                  <span className="transfer__who">Anyone in {department.name}</span>
                  <span className="transfer__load">
                    {department.available} available · the first to accept takes it
                  </span>
                </label>
              </li>
            ) : null}
            {agents.map((agent) => (
              <li key={agent.id}>
                <label className="transfer__choice">
                  <input
                    type="radio"
                    name={`${id}-target`}
                    checked={agentId === agent.id}
                    onChange={() => setAgentId(agent.id)}
                  />
                  <span className="transfer__who">{agent.name}</span>
                  <span
                    className="transfer__load"
                    title={`${agent.load} of ${agent.capacity} chats`}
                  >
                    {agent.load}/{agent.capacity}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {unchosen && agentId === null ? (
          <p className="field__error" id={`${id}-unchosen`}>
            Choose who takes the chat.
          </p>
        ) : null}
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          Note <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          className="input input--area"
          rows={3}
          value={note}
          placeholder="What they should know before they take over"
          aria-invalid={over || noteError ? true : undefined}
          aria-describedby={`${id}-note-hint`}
          onChange={(event) => setNote(event.target.value)}
        />
        <p className={over || noteError ? 'field__error' : 'field__hint'} id={`${id}-note-hint`}>
          {noteError ??
            (over
              ? `${note.length - NOTE_MAX} characters over the limit of ${NOTE_MAX}.`
              : `${note.length}/${NOTE_MAX}`)}
        </p>
      </div>

      {otherError ? (
        <p className="transfer__error" role="alert">
          {otherError}
        </p>
      ) : null}

      <DialogActions>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" pending={offer.isPending}>
          {offer.isPending ? 'Sending…' : 'Send offer'}
        </Button>
      </DialogActions>
    </form>
  );
}

/** The server's sentence, and the fields it names when a 422 says more than one thing. */
function errorText(error: unknown, fieldErrors: { field: string; message: string }[]): string {
  if (fieldErrors.length > 0) return fieldErrors.map((item) => item.message).join(' ');
  return describeError(error);
}
