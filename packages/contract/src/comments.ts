import { z } from 'zod';
import { StaffSummary } from './staff.ts';

export const Comment = z
  .object({
    id: z.string(),
    chatId: z.string(),
    body: z.string(),
    mentions: z.array(StaffSummary),
    author: StaffSummary.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const CommentList = z.object({ items: z.array(Comment) }).meta({ id: 'CommentList' });

export const CommentCreateBody = z
  .object({
    body: z.string().trim().min(1).max(2000),
    mentions: z
      .array(z.string())
      .max(20)
      .default([])
      .describe('Staff ids to tag; each must be online'),
  })
  .meta({ id: 'CommentCreateBody' });

export const Notification = z
  .object({
    id: z.string(),
    kind: z
      .enum([
        'mention',
        'transfer_offer',
        'transfer_rejected',
        'transfer_returned',
        'reply_timeout',
        'ticket_assigned',
      ])
      .describe(
        'mention: tagged in a chat; transfer_*: an offer to me, or mine rejected or returned; ' +
          'reply_timeout: a chat of mine went back to the queue unanswered; ' +
          'ticket_assigned: a ticket was given to me',
      ),
    chatId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z
  .object({ items: z.array(Notification), unread: z.number().int() })
  .meta({ id: 'NotificationList' });
