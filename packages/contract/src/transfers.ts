import { z } from 'zod';
import { CustomerSummary, OpenTransfer } from './chats.ts';
import { Department, StaffSummary } from './staff.ts';

export const TransferState = z.enum(['offered', 'accepted', 'rejected', 'returned', 'withdrawn']);
export type TransferState = z.infer<typeof TransferState>;

/** A few last lines of the conversation, so the receiver knows what they are taking on. */
export const TransferPreview = z.object({
  customer: CustomerSummary,
  channel: z.object({ id: z.string(), kind: z.string(), name: z.string() }),
  messages: z.array(
    z.object({ direction: z.enum(['in', 'out']), text: z.string(), at: z.string() }),
  ),
});

export const Transfer = OpenTransfer.extend({
  chatId: z.string(),
  state: TransferState,
  reason: z.string().nullable().describe('Why it was rejected (the receiver’s words) or withdrawn'),
  answeredBy: StaffSummary.nullable(),
  answeredAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  preview: TransferPreview.optional(),
}).meta({ id: 'Transfer' });
export type Transfer = z.infer<typeof Transfer>;

/**
 * `POST /api/chats/{id}/transfer`: to an agent, a department, or an agent within a department.
 * An agent alone keeps the chat's department.
 */
export const TransferBody = z
  .object({
    agentId: z.string().optional(),
    departmentId: z.string().optional(),
    note: z.string().trim().max(1000).default(''),
  })
  .meta({ id: 'TransferBody' });
export type TransferBody = z.input<typeof TransferBody>;

export const RejectTransferBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .meta({ id: 'RejectTransferBody' });
export type RejectTransferBody = z.input<typeof RejectTransferBody>;

/**
 * `GET /api/transfers`: offers waiting on me (to me, or to a department of mine with nobody
 * named), and my own offers: open ones, and rejected or returned ones I have not acknowledged.
 */
export const TransferInbox = z
  .object({ incoming: z.array(Transfer), outgoing: z.array(Transfer) })
  .meta({ id: 'TransferInbox' });
export type TransferInbox = z.infer<typeof TransferInbox>;

/** Someone the chat may go to: available, online, with room, with their load ("2/5"). */
export const TransferTargetAgent = StaffSummary.extend({
  load: z.number().int(),
  capacity: z.number().int(),
  departmentIds: z.array(z.string()),
}).meta({ id: 'TransferTargetAgent' });
export type TransferTargetAgent = z.infer<typeof TransferTargetAgent>;

/** `GET /api/chats/{id}/transfer-targets`: only where the chat can go now. */
export const TransferTargets = z
  .object({
    departments: z.array(
      Department.extend({
        available: z.number().int().describe('Agents available with free capacity'),
      }),
    ),
    agents: z.array(TransferTargetAgent),
  })
  .meta({ id: 'TransferTargets' });
export type TransferTargets = z.infer<typeof TransferTargets>;
