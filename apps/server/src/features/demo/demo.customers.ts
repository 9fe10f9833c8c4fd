import type { Db } from '../../db/client.ts';
import { insertChat, insertCustomer, insertEvent, insertMessage, insertNote } from './demo.repo.ts';

type Line =
  | { at: number; from: 'customer' | 'agent'; text: string }
  | {
      at: number;
      event: string;
      actor: 'system' | 'customer' | 'agent';
      data?: Record<string, unknown>;
    };

type Story = {
  phone: string;
  name: string | null;
  profile?: { email?: string; language?: string; company?: string; location?: string };
  agent: 'agent1' | 'agent2';
  channel: 'demo-webhook' | 'demo-webchat';
  /** Minutes ago the chat started. */
  startedAgo: number;
  status: 'live' | 'closed';
  sentiment?: 'negative' | 'neutral' | 'positive';
  lines: Line[];
  note?: { text: string; minutesAgo: number };
};

const stories: Story[] = [
  {
    phone: '+27821234567',
    name: 'Thandi Nkosi',
    profile: { email: 'thandi.nkosi@example.co.za', language: 'en-ZA', location: 'Johannesburg' },
    agent: 'agent1',
    channel: 'demo-webhook',
    startedAgo: 60 * 26,
    status: 'closed',
    sentiment: 'positive',
    lines: [
      { at: 0, from: 'customer', text: 'Hi, I was charged twice for order 4411.' },
      { at: 0, event: 'queued', actor: 'system' },
      { at: 1, event: 'assigned', actor: 'system', data: { by: 'routing' } },
      { at: 2, from: 'agent', text: 'Sorry about that, Thandi. Let me check the payment.' },
      {
        at: 6,
        from: 'agent',
        text: 'The second charge is reversed; it shows within 3 working days.',
      },
      { at: 7, from: 'customer', text: 'Great, thank you!' },
      {
        at: 9,
        event: 'closed',
        actor: 'agent',
        data: { sentiment: 'positive', tag: 'billing', withNote: true },
      },
    ],
    note: {
      text: 'Double charge on order 4411 reversed. Prefers WhatsApp over email.',
      minutesAgo: 60 * 26 - 9,
    },
  },
  {
    phone: '+27821234567',
    name: 'Thandi Nkosi',
    agent: 'agent1',
    channel: 'demo-webhook',
    startedAgo: 4,
    status: 'live',
    lines: [
      { at: 0, from: 'customer', text: 'Hello again! My order 4411 still hasn’t arrived.' },
      { at: 0, event: 'queued', actor: 'system' },
      { at: 0, event: 'assigned', actor: 'system', data: { by: 'routing' } },
      { at: 1, from: 'customer', text: 'The tracking page says "in transit" since Monday.' },
    ],
  },
  {
    phone: '+27831112222',
    name: 'Pieter van Wyk',
    profile: { company: 'Van Wyk Logistics', language: 'af' },
    agent: 'agent2',
    channel: 'demo-webchat',
    startedAgo: 60 * 50,
    status: 'closed',
    sentiment: 'neutral',
    lines: [
      {
        at: 0,
        from: 'customer',
        text: 'Can I change the delivery address for a business account?',
      },
      { at: 0, event: 'queued', actor: 'system' },
      { at: 1, event: 'assigned', actor: 'system', data: { by: 'routing' } },
      { at: 3, from: 'agent', text: 'Yes — send the new address and the account number, please.' },
      { at: 12, event: 'ended_by_customer', actor: 'customer' },
    ],
    note: {
      text: 'Business account; address changes need the account number. Ref SUP-2031.',
      minutesAgo: 60 * 50 - 14,
    },
  },
  {
    phone: '+27845556666',
    name: null,
    agent: 'agent2',
    channel: 'demo-webhook',
    startedAgo: 60 * 5,
    status: 'closed',
    sentiment: 'negative',
    lines: [
      { at: 0, from: 'customer', text: 'Your courier left my parcel in the rain.' },
      { at: 0, event: 'queued', actor: 'system' },
      { at: 1, event: 'assigned', actor: 'system', data: { by: 'routing' } },
      { at: 2, from: 'agent', text: 'I’m sorry. Could you send a photo so we can file a claim?' },
      {
        at: 20,
        event: 'closed',
        actor: 'agent',
        data: { sentiment: 'negative', tag: 'courier', withNote: false },
      },
    ],
  },
];

/** A handful of customers with history, notes and one live chat, so the desk is never empty. */
export async function seedDemoCustomers(
  tx: Db,
  people: Record<'agent1' | 'agent2', { id: string; name: string }>,
  departmentId: string,
) {
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const ids = new Map<string, string>();
  for (const story of stories) {
    let customerId = ids.get(story.phone);
    if (!customerId) {
      customerId = await insertCustomer(tx, {
        phone: story.phone,
        name: story.name,
        ...story.profile,
        createdAt: at(story.startedAgo),
        lastAgentId: people[story.agent].id,
      });
      ids.set(story.phone, customerId);
    }
    const agent = people[story.agent];
    const last = story.lines[story.lines.length - 1]!;
    const chatId = await insertChat(tx, {
      customerId,
      channelId: story.channel,
      departmentId,
      status: story.status,
      assigneeId: agent.id,
      createdAt: at(story.startedAgo),
      lastActivityAt: at(story.startedAgo - last.at),
      lastCustomerActivityAt: at(
        story.startedAgo -
          Math.max(
            ...story.lines
              .filter((line) => 'from' in line && line.from === 'customer')
              .map((line) => line.at),
          ),
      ),
      closedAt: story.status === 'closed' ? at(story.startedAgo - last.at) : null,
      sentiment: story.sentiment ?? null,
    });
    for (const line of story.lines) {
      const when = at(story.startedAgo - line.at);
      if ('from' in line) {
        await insertMessage(tx, {
          chatId,
          channelId: story.channel,
          direction: line.from === 'customer' ? 'in' : 'out',
          text: line.text,
          authorKind: line.from === 'customer' ? 'customer' : 'staff',
          authorStaffId: line.from === 'agent' ? agent.id : null,
          status: line.from === 'customer' ? 'received' : 'read',
          createdAt: when,
        });
      } else {
        const data = line.event === 'assigned' ? { ...line.data, to: agent } : (line.data ?? {});
        await insertEvent(tx, {
          chatId,
          customerId,
          type: line.event,
          actorKind: line.actor === 'agent' ? 'staff' : line.actor,
          actorStaffId: line.actor === 'agent' ? agent.id : null,
          data,
          at: when,
        });
      }
    }
    if (story.note)
      await insertNote(tx, {
        customerId,
        body: story.note.text,
        chatId,
        authorId: agent.id,
        createdAt: at(story.note.minutesAgo),
      });
  }
}
