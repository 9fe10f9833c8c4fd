import type { Db } from '../../db/client.ts';
import { seedDemoCustomers } from './demo.customers.ts';
import {
  countStaff,
  insertCannedReplies,
  insertChannels,
  insertWrapUpTags,
  lockDemoSeed,
  markSeeded,
} from './demo.repo.ts';
import {
  findOrCreateDepartments,
  hashPassword,
  insertStaff,
  setStaffDepartments,
} from '../auth/index.ts';
import { storeChannelSecrets } from '../channels/index.ts';

export const DEMO_PASSWORD = 'demo-password-1';
/** Signs identities for the demo web chat (README, "Try a live chat"); a demo, not a secret. */
export const DEMO_IDENTITY_SECRET = 'demo-identity-secret';
/**
 * Pages allowed to frame the demo web chat and pass it a signed identity: the example shop page
 * (`node docs/widget-embed-example/server.mjs`, docs/widget-embed.md) on either local name.
 */
export const DEMO_EMBED_ORIGINS = ['http://localhost:8000', 'http://127.0.0.1:8000'];

export const DEMO_STAFF = [
  { email: 'admin@demo.parley', name: 'Ada Adams', role: 'admin' },
  { email: 'supervisor@demo.parley', name: 'Sam Sibiya', role: 'supervisor' },
  { email: 'agent1@demo.parley', name: 'Lerato Mokoena', role: 'agent' },
  { email: 'agent2@demo.parley', name: 'Johan Botha', role: 'agent' },
] as const;

const DEMO_CANNED_REPLIES = [
  {
    title: 'Greeting',
    shortcut: 'hi',
    body: 'Hi {{customer.firstName}}, this is {{agent.firstName}} from Parley support. How can I help?',
  },
  {
    title: 'Order status: checking',
    shortcut: 'order',
    body: 'Thanks {{customer.firstName}}. Let me check where your order is; I will be back in a minute or two.',
  },
  {
    title: 'Refund on its way',
    shortcut: 'refund',
    body: 'Your refund has been approved, {{customer.firstName}}. It reaches your account within 5–7 working days.',
  },
  {
    title: 'Closing: anything else?',
    shortcut: 'bye',
    body: 'Is there anything else I can help with today? If not, have a lovely day! – {{agent.name}}',
  },
];

/**
 * Fills an empty database with the demo desk (api.md, "Demo data"). Returns false when the
 * database already has staff. Several nodes starting together take turns on a lock, and the
 * later ones find the work done.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await lockDemoSeed(tx);
    if ((await countStaff(tx)) > 0) return false;
    const [support] = await findOrCreateDepartments(tx, ['Support']);
    if (!support) throw new Error('could not create the Support department');
    const made = new Map<string, { id: string; name: string }>();
    for (const person of DEMO_STAFF) {
      const row = await insertStaff(tx, { ...person, passwordHash, capacity: 5 });
      if (person.role !== 'admin') await setStaffDepartments(tx, row.id, [support.id]);
      made.set(person.email.split('@')[0]!, { id: row.id, name: row.name });
    }
    await insertChannels(tx, [
      {
        id: 'demo-webhook',
        kind: 'webhook',
        name: 'Demo webhook',
        departmentId: support.id,
        defaultRegion: 'ZA',
        // Replies go to the local fake provider: `node scripts/fake-provider.mjs`.
        settings: { outboundUrl: 'http://127.0.0.1:4010/webhook' },
      },
      {
        id: 'demo-whatsapp',
        kind: 'whatsapp',
        name: 'Demo WhatsApp',
        departmentId: support.id,
        defaultRegion: 'ZA',
        // A stand-in for the Cloud API: `node scripts/fake-provider.mjs` answers on :4010.
        settings: {
          phoneNumberId: '100200300',
          apiBaseUrl: 'http://127.0.0.1:4010/v21.0',
        },
      },
      {
        id: 'demo-webchat',
        kind: 'webchat',
        name: 'Demo web chat',
        departmentId: support.id,
        defaultRegion: 'ZA',
        // Signed visitor identities, and one-time codes sent over the demo webhook (whose
        // "SMS gateway" is the fake provider: the code shows at GET :4010/received).
        settings: {
          allowedOrigins: DEMO_EMBED_ORIGINS,
          greeting: 'Hi! Ask us anything: an agent will answer here.',
          verifyChannelId: 'demo-webhook',
        },
      },
    ]);
    // Sealed like any admin-created secret; the values are the documented demo ones (api.md).
    await storeChannelSecrets(tx, 'demo-webhook', { secret: 'demo-secret' });
    await storeChannelSecrets(tx, 'demo-whatsapp', {
      verifyToken: 'demo-verify-token',
      appSecret: 'demo-app-secret',
      accessToken: 'demo-access-token',
    });
    await storeChannelSecrets(tx, 'demo-webchat', { identitySecret: DEMO_IDENTITY_SECRET });
    // The names the demo history's closed chats carry, so the close dialog offers them too.
    await insertWrapUpTags(tx, ['billing', 'courier', 'refund', 'product question', 'complaint']);
    // Shared answers kept by the supervisor; `/` in the composer offers them.
    const keeper = made.get('supervisor')?.id ?? null;
    await insertCannedReplies(
      tx,
      DEMO_CANNED_REPLIES.map((reply) => ({ ...reply, shared: true, createdBy: keeper })),
    );
    await seedDemoCustomers(
      tx,
      { agent1: made.get('agent1')!, agent2: made.get('agent2')! },
      support.id,
    );
    await markSeeded(tx, new Date());
    return true;
  });
}

export function demoBanner(): string {
  const lines = [
    'Demo data created. Sign in with any of these accounts:',
    ...DEMO_STAFF.map((person) => `  ${person.email.padEnd(24)} ${person.role}`),
    `  password: ${DEMO_PASSWORD}`,
    'Set PARLEY_DEMO=0 to start with an empty desk instead.',
  ];
  return lines.join('\n');
}
