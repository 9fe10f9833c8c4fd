import { canSupervise } from '@parley/contract';
import type { Me, Ticket } from '@parley/contract';

/** An unassigned ticket of one of my departments (supervisors: any) may be accepted. */
export function mayAccept(ticket: Ticket, me: Me): boolean {
  if (ticket.status !== 'unassigned') return false;
  return (
    canSupervise(me.role) ||
    me.departments.some((department) => department.id === ticket.department.id)
  );
}

/** The assignee or a supervisor closes an assigned ticket (once staff have replied). */
export function mayClose(ticket: Ticket, me: Me): boolean {
  if (ticket.status !== 'assigned') return false;
  return ticket.assignee?.id === me.id || canSupervise(me.role);
}

/** Only supervisors and admins move a ticket elsewhere; agents do not see Transfer at all. */
export function mayTransfer(ticket: Ticket, me: Me): boolean {
  return ticket.status !== 'closed' && canSupervise(me.role);
}
