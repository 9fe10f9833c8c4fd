import { z } from 'zod';

/** When I last read one chat: markers and alerts for it count from here. */
export const ChatRead = z
  .object({ chatId: z.string(), readAt: z.string() })
  .meta({ id: 'ChatRead' });
export type ChatRead = z.infer<typeof ChatRead>;

export const ChatReadList = z.object({ items: z.array(ChatRead) }).meta({ id: 'ChatReadList' });
export type ChatReadList = z.infer<typeof ChatReadList>;

/** The things that can ring for me; each can be switched off on its own. */
export const AlertEvents = z
  .object({
    newChat: z.boolean().describe('A chat routed to me or waiting in my queue'),
    transferOffer: z.boolean().describe('A transfer offered to me or my department'),
    mention: z.boolean().describe('A colleague tagged me in a chat'),
    customerReply: z.boolean().describe('A customer wrote in a chat of mine not on screen'),
  })
  .meta({ id: 'AlertEvents' });
export type AlertEvents = z.infer<typeof AlertEvents>;

/** How the desk gets my attention; everything is on until I switch it off. */
export const Preferences = z
  .object({
    sound: z.boolean().describe('A short chime'),
    desktop: z.boolean().describe('A browser notification while the desk tab is hidden'),
    titleCount: z.boolean().describe('How many chats need me, in the tab title'),
    events: AlertEvents,
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof Preferences>;

/** A change to my preferences: what is left out stays as it is. */
export const PreferencesBody = z
  .strictObject({
    sound: z.boolean().optional(),
    desktop: z.boolean().optional(),
    titleCount: z.boolean().optional(),
    events: z
      .strictObject({
        newChat: z.boolean().optional(),
        transferOffer: z.boolean().optional(),
        mention: z.boolean().optional(),
        customerReply: z.boolean().optional(),
      })
      .optional(),
  })
  .meta({ id: 'PreferencesBody' });
export type PreferencesBody = z.infer<typeof PreferencesBody>;

export const defaultPreferences: Preferences = {
  sound: true,
  desktop: true,
  titleCount: true,
  events: { newChat: true, transferOffer: true, mention: true, customerReply: true },
};
