import type { Ticket, TicketTransferBody } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Dialog, DialogContent } from '../../../ui/Dialog.tsx';
import { ChoiceDialogForm } from '../../../ui/ChoiceDialogForm.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { customerLabel } from '../../chats/index.ts';
import { fetchTransferChoices, ticketKeys } from '../api.ts';
import { useTransferTicket } from '../hooks/useTicketActions.ts';

type TicketTransferDialogProps = {
  ticket: Ticket;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** A choice in the dialog: `agent:<id>` or `department:<id>`. */
type Choice = `agent:${string}` | `department:${string}`;

function bodyFor(choice: Choice): TicketTransferBody {
  const [kind, id] = choice.split(':') as ['agent' | 'department', string];
  return kind === 'agent' ? { agentId: id } : { departmentId: id };
}

/**
 * Transfer… for supervisors: to an agent (it becomes theirs and their bell rings) or to a
 * department (it waits there unassigned). Tickets have no capacity, so anyone active may take one.
 */
export function TicketTransferDialog({ ticket, open, onOpenChange }: TicketTransferDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sup-assign">
        {open ? <TransferForm ticket={ticket} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TransferForm({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const choices = useQuery({
    queryKey: ticketKeys.transferChoices,
    queryFn: ({ signal }) => fetchTransferChoices(signal),
  });
  const transfer = useTransferTicket(ticket.id);
  const [choice, setChoice] = useState<Choice | null>(null);

  let options;
  if (choices.isPending) {
    options = <ListSkeleton rows={3} lines={1} label="Loading departments and agents" />;
  } else if (choices.isError) {
    options = (
      <p className="sup-assign__error" role="alert">
        {describeError(choices.error)}
      </p>
    );
  } else {
    const departments = choices.data.departments.filter(
      (department) => ticket.status !== 'unassigned' || department.id !== ticket.department.id,
    );
    const agents = choices.data.team.filter((person) => person.id !== ticket.assignee?.id);
    options = (
      <>
        <p className="ticket-transfer__group">Departments (waits there unassigned)</p>
        <ul className="sup-assign__list">
          {departments.map((department) => (
            <Option
              key={department.id}
              value={`department:${department.id}`}
              name={department.name}
              meta={`${department.availableAgents} available`}
              checked={choice === `department:${department.id}`}
              onChoose={setChoice}
            />
          ))}
        </ul>
        <p className="ticket-transfer__group">Agents (assigned to them)</p>
        <ul className="sup-assign__list">
          {agents.map((person) => (
            <Option
              key={person.id}
              value={`agent:${person.id}`}
              name={person.name}
              meta={person.available && person.online ? 'Available' : 'Away'}
              checked={choice === `agent:${person.id}`}
              onChoose={setChoice}
            />
          ))}
        </ul>
      </>
    );
  }

  return (
    <ChoiceDialogForm
      title={<>Transfer the ticket of {customerLabel(ticket.customer)}</>}
      description="Give it to an agent, or send it to a department where anyone there can accept it."
      legend="Transfer to"
      chosen={choice !== null}
      pending={transfer.isPending}
      error={transfer.isError ? transfer.error : null}
      submit={{ label: 'Transfer', pendingLabel: 'Transferring…' }}
      onSubmit={() => choice && transfer.mutate(bodyFor(choice), { onSuccess: onDone })}
    >
      {options}
    </ChoiceDialogForm>
  );
}

type OptionProps = {
  value: Choice;
  name: string;
  meta: string;
  checked: boolean;
  onChoose: (choice: Choice) => void;
};

function Option({ value, name, meta, checked, onChoose }: OptionProps) {
  return (
    <li>
      <label className="sup-assign__option">
        <input
          type="radio"
          name="ticket-transfer"
          value={value}
          checked={checked}
          onChange={() => onChoose(value)}
        />
        <span className="sup-assign__name">{name}</span>
        <span className="sup-assign__meta">{meta}</span>
      </label>
    </li>
  );
}
