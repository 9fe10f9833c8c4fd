import { z } from 'zod';
import { ChannelKind, CustomerSummary } from './chats.ts';
import { Problem } from './problem.ts';
import { StaffSummary } from './staff.ts';

/** A customer's profile as staff see it. `version` is also the ETag (`"<version>"`). */
export const Customer = z
  .object({
    id: z.string(),
    phone: z.string().describe('E.164, the customer’s key; not editable'),
    phoneDisplay: z.string().describe('The number grouped for people, e.g. +27 82 123 4567'),
    name: z.string().nullable(),
    email: z.string().nullable(),
    language: z.string().nullable().describe('BCP 47 tag, e.g. en, en-ZA, zu'),
    company: z.string().nullable(),
    location: z.string().nullable(),
    customFields: z.record(z.string(), z.string()),
    version: z.number().int(),
    optedOut: z.boolean().describe('Sent //stop: no outbound messages until they write again'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

/** 412 on a profile save: what the profile is now, so the form can show the newer values. */
export const StaleProfileProblem = Problem.extend({ current: Customer }).meta({
  id: 'StaleProfileProblem',
});
export type StaleProfileProblem = z.infer<typeof StaleProfileProblem>;

/** The fields a profile save may change; the phone number is the key and is not one of them. */
export const editableCustomerFields = ['name', 'email', 'language', 'company', 'location'] as const;
export type EditableCustomerField = (typeof editableCustomerFields)[number];

/**
 * A profile save: only the fields given change. An empty string (or null) clears a field.
 * `customFields` replaces the whole set; an entry with an empty value is dropped. Types are
 * checked here (400); the rules — email, language tag, lengths, field names — answer 422.
 */
export const CustomerPatchBody = z
  .looseObject({
    name: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
    company: z.string().nullable().optional(),
    location: z.string().nullable().optional(),
    customFields: z.record(z.string(), z.string().nullable()).optional(),
  })
  .meta({ id: 'CustomerPatchBody' });
export type CustomerPatchBody = z.infer<typeof CustomerPatchBody>;

export const CustomerSearchQuery = z.object({
  q: z.string().max(100).default('').describe('Part of a name, number or email'),
});

export const CustomerSearchItem = CustomerSummary.extend({
  phoneDisplay: z.string(),
  email: z.string().nullable(),
}).meta({ id: 'CustomerSearchItem' });
export type CustomerSearchItem = z.infer<typeof CustomerSearchItem>;

export const CustomerSearchResult = z
  .object({ items: z.array(CustomerSearchItem) })
  .meta({ id: 'CustomerSearchResult' });
export type CustomerSearchResult = z.infer<typeof CustomerSearchResult>;

export const ReferenceKind = z.enum(['url', 'jira', 'ticket']);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

export const NoteReference = z.object({
  kind: ReferenceKind,
  value: z.string().describe('The URL, the Jira key (SUP-1234) or the ticket number without #'),
});
export type NoteReference = z.infer<typeof NoteReference>;

/** A note as everyone sees it; realtime frames carry this (no viewer-specific fields). */
export const SharedNote = z
  .object({
    id: z.string(),
    customerId: z.string(),
    body: z.string(),
    reference: NoteReference.nullable(),
    chatId: z.string().nullable(),
    ticketId: z.string().nullable(),
    chat: z
      .object({
        id: z.string(),
        createdAt: z.string(),
        channel: z.object({ id: z.string(), kind: ChannelKind, name: z.string() }),
      })
      .nullable()
      .describe('The chat the note was written on'),
    author: StaffSummary.nullable().describe('Null once the author’s account is gone'),
    createdAt: z.string(),
  })
  .meta({ id: 'SharedNote' });
export type SharedNote = z.infer<typeof SharedNote>;

export const Note = SharedNote.extend({
  canDelete: z.boolean().describe('Whether the viewer may delete it: author, supervisor, admin'),
}).meta({ id: 'Note' });
export type Note = z.infer<typeof Note>;

export const NotePage = z
  .object({ items: z.array(Note), nextCursor: z.string().nullable() })
  .meta({ id: 'NotePage' });
export type NotePage = z.infer<typeof NotePage>;

export const NotePageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Length and shape rules answer 422 with the field named; only types are checked here. */
export const CreateNoteBody = z
  .object({
    body: z.string().describe('1–5,000 characters after trimming'),
    reference: z
      .string()
      .nullable()
      .optional()
      .describe('An http(s) URL, a Jira key such as SUP-1234, or a ticket number (#123)'),
    chatId: z.string().nullable().optional().describe('A chat of this customer, closed ones too'),
    ticketId: z.string().nullable().optional(),
  })
  .meta({ id: 'CreateNoteBody' });
export type CreateNoteBody = z.infer<typeof CreateNoteBody>;

export const NoteDeleted = z.object({ id: z.string(), customerId: z.string() });
export type NoteDeleted = z.infer<typeof NoteDeleted>;
