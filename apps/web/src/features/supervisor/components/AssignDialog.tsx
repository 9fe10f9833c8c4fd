import type { Chat, Me, TeamMember } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog, DialogContent } from '../../../ui/Dialog.tsx';
import { ChoiceDialogForm } from '../../../ui/ChoiceDialogForm.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { customerLabel, storeChat } from '../../chats/index.ts';
import { presenceLabels, presenceState } from '../../staff/index.ts';
import { assignChat, fetchSupervisorDesk, supervisorKeys } from '../api.ts';
import { noFilters } from '../filters.ts';

/** Why this person cannot take the chat, or null when they can. */
export function assignRefusal(chat: Chat, person: TeamMember): string | null {
  if (chat.assignee?.id === person.id) return 'Has this chat';
  if (chat.flagged && chat.assignee) return 'Flagged chats stay with their agent';
  if (person.load >= person.capacity) return `Full (${person.load}/${person.capacity})`;
  return null;
}

/**
 * "Assign…": a supervisor gives a queued or colleague's chat to someone in its department. Only
 * people who can take it are choosable; the server still has the last word (capacity races).
 */
export function AssignDialog({
  chat,
  me,
  open: shown,
  onOpenChange,
  showTrigger = true,
}: {
  chat: Chat;
  me: Me;
  /** Set with `onOpenChange` when something else (a key, the palette) opens it. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  showTrigger?: boolean;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = shown ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {showTrigger ? (
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
          Assign…
        </Button>
      ) : null}
      <DialogContent className="sup-assign">
        {/* Mounted only while open, so every opening reads the team afresh. */}
        {open ? <AssignForm chat={chat} me={me} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function AssignForm({ chat, me, onDone }: { chat: Chat; me: Me; onDone: () => void }) {
  const queryClient = useQueryClient();
  const filters = { ...noFilters, departmentId: chat.department.id };
  const desk = useQuery({
    queryKey: supervisorKeys.desk(filters),
    queryFn: ({ signal }) => fetchSupervisorDesk(filters, signal),
  });
  const [agentId, setAgentId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: (id: string) => assignChat(chat.id, id),
    onSuccess: (updated) => {
      storeChat(queryClient, updated, me);
      void queryClient.invalidateQueries({ queryKey: supervisorKeys.desks });
      onDone();
    },
  });
  const members = (desk.data?.team ?? []).filter((person) =>
    person.departmentIds.includes(chat.department.id),
  );

  let choices;
  if (desk.isPending) {
    choices = <ListSkeleton rows={3} lines={1} label="Loading the department's team" />;
  } else if (desk.isError) {
    choices = (
      <p className="sup-assign__error" role="alert">
        {describeError(desk.error)}
      </p>
    );
  } else if (members.length === 0) {
    choices = <p className="sup-assign__empty">Nobody works in {chat.department.name} yet.</p>;
  } else {
    choices = (
      <ul className="sup-assign__list">
        {members.map((person) => {
          const refusal = assignRefusal(chat, person);
          return (
            <li key={person.id}>
              <label className="sup-assign__option" data-disabled={refusal ? '' : undefined}>
                <input
                  type="radio"
                  name="assignee"
                  value={person.id}
                  disabled={refusal !== null}
                  checked={agentId === person.id}
                  onChange={() => setAgentId(person.id)}
                />
                <span className="sup-assign__name">{person.name}</span>
                <span className="sup-assign__meta">
                  {refusal ??
                    `${presenceLabels[presenceState(person)]} · ${person.load}/${person.capacity} live`}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <ChoiceDialogForm
      title={<>Assign the chat with {customerLabel(chat.customer)}</>}
      description={
        <>Someone in {chat.department.name} with room for one more live chat takes it over.</>
      }
      legend="Assign to"
      chosen={agentId !== null}
      pending={assign.isPending}
      error={assign.isError ? assign.error : null}
      submit={{ label: 'Assign', pendingLabel: 'Assigning…' }}
      onSubmit={() => agentId && assign.mutate(agentId)}
    >
      {choices}
    </ChoiceDialogForm>
  );
}
