import { z } from 'zod';

/**
 * The parts of a WhatsApp Cloud API webhook notification we read. Meta adds fields over time, so
 * unknown ones are ignored, and unknown message types and statuses pass through to be skipped.
 */
const Timestamp = z.union([z.string(), z.number()]);

const WaMessage = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: Timestamp.optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
});

const WaContact = z.object({
  wa_id: z.string(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

const WaError = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});
export type WaError = z.infer<typeof WaError>;

const WaStatus = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: Timestamp.optional(),
  recipient_id: z.string().optional(),
  errors: z.array(WaError).optional(),
});

export const WaMessagesValue = z.object({
  messaging_product: z.string().optional(),
  metadata: z
    .object({ phone_number_id: z.string().optional(), display_phone_number: z.string().optional() })
    .optional(),
  contacts: z.array(WaContact).optional(),
  messages: z.array(WaMessage).optional(),
  statuses: z.array(WaStatus).optional(),
});
export type WaMessagesValue = z.infer<typeof WaMessagesValue>;

export const WhatsAppNotification = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      // Other fields (template updates, account alerts) carry other shapes: read only 'messages'.
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WhatsAppNotification = z.infer<typeof WhatsAppNotification>;

export const WhatsAppHandshakeQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});
