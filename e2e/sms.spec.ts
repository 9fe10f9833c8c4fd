import { createHmac, randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  demoStaff,
  expect,
  fakeProviderURL,
  messages,
  providerReplies,
  signInByApi,
  test,
  unique,
  uniqueCustomer,
} from './fixtures.ts';

// Customers text in through an SMS channel of each provider format; Lerato (agent1) answers in
// the desk and the fake provider receives the reply through that provider's send API.

const lerato = demoStaff.agent1;
const authToken = `tw-${randomBytes(8).toString('hex')}`;
const accountSid = `AC${randomBytes(16).toString('hex')}`;

/** As the desk shows a number it has no name for: "+27 82 99x xxxx". */
const shownNumber = (e164: string) => e164.replace(/^\+27(\d{2})(\d{3})(\d{4})$/, '+27 $1 $2 $3');

type Created = { id: string; inboundUrl: string; shownOnce: { callbackSecret?: string } };

/** Makes an SMS channel as the admin, answered by the demo webhook channel's department. */
async function createSmsChannel(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
  provider: 'twilio' | 'clickatell',
): Promise<Created> {
  const admin = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: new URL(baseURL).origin },
  });
  try {
    await signInByApi(admin, demoStaff.admin);
    const list = await admin.get('/api/admin/channels');
    const { items } = (await list.json()) as {
      items: { id: string; department: { id: string } }[];
    };
    const departmentId = items.find((c) => c.id === 'demo-webhook')?.department.id;
    const response = await admin.post('/api/admin/channels', {
      data:
        provider === 'twilio'
          ? {
              kind: 'sms',
              provider,
              name: unique('Texts via Twilio'),
              departmentId,
              accountSid,
              fromNumber: '+27870001111',
              authToken,
              apiBaseUrl: fakeProviderURL,
            }
          : {
              kind: 'sms',
              provider,
              name: unique('Texts via Clickatell'),
              departmentId,
              apiKey: 'ct-demo-key',
              apiBaseUrl: fakeProviderURL,
            },
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as Created;
  } finally {
    await admin.dispose();
  }
}

/** Twilio's X-Twilio-Signature: HMAC-SHA1 of the URL and the fields sorted by name. */
function twilioSignature(url: string, fields: Record<string, string>) {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}

async function availableDesk(asStaff: (person: typeof lerato) => Promise<Page>) {
  const page = await asStaff(lerato);
  await becomeAvailable(page, lerato);
  return page;
}

/** Opens the chat from the Live list, answers, and waits for the provider to receive it. */
async function replyInDesk(
  desk: Page,
  request: APIRequestContext,
  customer: string,
  e164: string,
  kind: string,
  openChats: Set<string>,
) {
  const row = chatRow(desk, 'Live', customer);
  await expect(row).toBeVisible();
  await row.click();
  await expect(desk).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
  openChats.add(desk.url().split('/').pop()!);
  const answer = unique('We are on it.');
  const box = composer(desk, customer);
  await box.fill(answer);
  await box.press('Enter');
  await expect
    .poll(async () =>
      (await providerReplies(request))
        .filter((reply) => reply.to === e164 && reply.text === answer)
        .map((reply) => reply.kind),
    )
    .toEqual([kind]);
}

test.describe('SMS', () => {
  test('an SMS through Twilio shows in the desk and the reply goes out through Twilio', async ({
    asStaff,
    request,
    playwright,
    baseURL,
    openChats,
  }) => {
    const channel = await createSmsChannel(playwright, baseURL!, 'twilio');
    const desk = await availableDesk(asStaff);
    const customer = uniqueCustomer();
    const text = unique('Hi, my parcel has not arrived');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const fields = {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: accountSid,
      From: customer.e164,
      To: '+27870001111',
      Body: text,
      NumMedia: '0',
    };
    const response = await request.post(channel.inboundUrl, {
      form: fields,
      headers: { 'X-Twilio-Signature': twilioSignature(channel.inboundUrl, fields) },
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<Response/>');

    const name = shownNumber(customer.e164);
    await replyInDesk(desk, request, name, customer.e164, 'twilio', openChats);
    await expect(messages(desk, name).getByText(text, { exact: true })).toBeVisible();

    const forged = await request.post(channel.inboundUrl, {
      form: { ...fields, MessageSid: 'SMforged', Body: 'forged' },
      headers: { 'X-Twilio-Signature': twilioSignature(channel.inboundUrl, fields) },
    });
    expect(forged.status()).toBe(401);
  });

  test('a long SMS through Clickatell arrives in parts, shows whole, and the reply goes out', async ({
    asStaff,
    request,
    playwright,
    baseURL,
    openChats,
  }) => {
    const channel = await createSmsChannel(playwright, baseURL!, 'clickatell');
    expect(channel.shownOnce.callbackSecret).toBeTruthy();
    const desk = await availableDesk(asStaff);
    const customer = uniqueCustomer();
    const marker = unique('parcel');
    const parts = [`The ${marker} came `, 'crushed, and the glass ', 'inside is broken.'];
    const reference = Math.floor(Math.random() * 256);
    const post = (sequence: number) =>
      request.post(channel.inboundUrl, {
        data: {
          messageId: `ct-${randomBytes(8).toString('hex')}`,
          fromNumber: customer.e164.slice(1),
          toNumber: '27870002222',
          timestamp: Date.now(),
          text: parts[sequence - 1],
          charset: 'UTF-8',
          udh: `050003${reference.toString(16).padStart(2, '0')}03${String(sequence).padStart(2, '0')}`,
        },
      });
    for (const sequence of [3, 1, 2]) expect((await post(sequence)).status()).toBe(200);

    const name = shownNumber(customer.e164);
    await replyInDesk(desk, request, name, customer.e164, 'clickatell', openChats);
    await expect(messages(desk, name).getByText(parts.join(''), { exact: true })).toBeVisible();

    const wrongSecret = await request.post(
      channel.inboundUrl.replace(channel.shownOnce.callbackSecret!, 'guess'),
      { data: { messageId: 'x', fromNumber: '27820000000', text: 'hi' } },
    );
    expect(wrongSecret.status()).toBe(401);
  });
});
