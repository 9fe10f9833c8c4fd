import type { Me, Ticket } from '@parley/contract';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';
import { CLOSE_BEFORE_REPLY_REASON } from '../format.ts';
import { useTicketAction } from '../hooks/useTicketActions.ts';
import { ticketHref } from '../paths.ts';
import { mayAccept, mayClose, mayTransfer } from '../rules.ts';
import { TicketTransferDialog } from './TicketTransferDialog.tsx';

/**
 * Accept (unassigned), Close (the assignee or a supervisor; off with the reason until staff have
 * replied) and Transfer… (supervisors only). The server has the last word on each.
 */
export function TicketActions({ ticket, me }: { ticket: Ticket; me: Me }) {
  const action = useTicketAction(ticket.id);
  const [, navigate] = useLocation();
  const [transferOpen, setTransferOpen] = useState(false);
  const busy = action.isPending ? action.variables : null;

  return (
    <div className="chat-actions">
      <div className="chat-actions__buttons">
        {mayAccept(ticket, me) ? (
          <Button
            size="sm"
            variant="primary"
            pending={busy === 'accept'}
            onClick={() =>
              action.mutate('accept', {
                onSuccess: (taken) => navigate(ticketHref('assigned', taken.id)),
              })
            }
          >
            {busy === 'accept' ? 'Accepting…' : 'Accept'}
          </Button>
        ) : null}
        {mayTransfer(ticket, me) ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy !== null}
            onClick={() => setTransferOpen(true)}
          >
            Transfer…
          </Button>
        ) : null}
        {mayClose(ticket, me) ? (
          ticket.canClose ? (
            <Button
              size="sm"
              variant="secondary"
              pending={busy === 'close'}
              disabled={busy !== null && busy !== 'close'}
              onClick={() => action.mutate('close')}
            >
              {busy === 'close' ? 'Closing…' : 'Close'}
            </Button>
          ) : (
            <DisabledWithReason reason={CLOSE_BEFORE_REPLY_REASON}>
              <Button size="sm" variant="secondary" disabled>
                Close
              </Button>
            </DisabledWithReason>
          )
        ) : null}
      </div>
      {action.isError ? (
        <p className="chat-actions__error" role="alert">
          {describeError(action.error)}
        </p>
      ) : null}
      {mayTransfer(ticket, me) ? (
        <TicketTransferDialog ticket={ticket} open={transferOpen} onOpenChange={setTransferOpen} />
      ) : null}
    </div>
  );
}
