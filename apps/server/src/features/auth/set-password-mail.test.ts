import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../mail.ts';
import { makeStaff, testApp, type TestApp } from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';
import { staffAdminHelpers } from './staff-admin.test-support.ts';

/** A real SMTP server in this process: what it accepted, and whether it should refuse. */
type Received = { from: string; to: string[]; subject: string; text: string };

async function smtpServer(user: string, pass: string) {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, done) {
      if (auth.username === user && auth.password === pass) done(null, { user });
      else done(new Error('bad credentials'));
    },
    onData(stream, session, done) {
      if (state.refuse) {
        stream.resume();
        stream.on('end', () =>
          done(Object.assign(new Error('mailbox full'), { responseCode: 552 })),
        );
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          ...parsePlainMail(Buffer.concat(chunks).toString('utf8')),
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, received, state, port };
}

/** Reads the one-part plain-text mail the desk sends: headers, then a QP or base64 body. */
function parsePlainMail(raw: string): Omit<Received, 'to'> {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const header = (name: string) =>
    new RegExp(`^${name}: (.*(?:\r\n[ \t].*)*)`, 'im')
      .exec(head)?.[1]
      ?.replace(/\r\n[ \t]/g, ' ') ?? '';
  const body = rest.join('\r\n\r\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8')
        : body;
  return { from: header('From'), subject: header('Subject'), text: text.replace(/\r\n/g, '\n') };
}

let smtp: Awaited<ReturnType<typeof smtpServer>>;
let mailer: Mailer;
let t: TestApp;

beforeAll(async () => {
  smtp = await smtpServer('desk', 's3cret');
  mailer = createSmtpMailer({
    url: `smtp://desk:s3cret@127.0.0.1:${smtp.port}`,
    from: 'Parley <desk@example.com>',
  });
  t = await testApp({ mailer });
});
afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

const { call, newPerson, tokenOf } = staffAdminHelpers(() => t);

describe('with SMTP_URL set, set-password links are also mailed', () => {
  it('at creation: the person gets a short plain-text mail with their name, the link and its expiry', async () => {
    const admin = await signedIn(t, 'admin');
    const body = newPerson({ name: 'Mia Mailwright' });
    const res = await call('POST', '/api/admin/staff', { cookie: admin.cookie }, body);
    expect(res.statusCode).toBe(201);
    const link = res.json().setPasswordLink;
    expect(link.mailedTo).toBe(body.email);
    const mail = smtp.received.find((m) => m.to.includes(body.email));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('Parley <desk@example.com>');
    expect(mail!.subject).toBe('Your Parley account');
    expect(mail!.text).toContain('Hello Mia Mailwright,');
    expect(mail!.text).toContain('Parley');
    expect(mail!.text).toContain(link.setPasswordUrl);
    expect(mail!.text).toContain(new Date(link.expiresAt).toUTCString());
    // The mailed link is the one shown: it opens the set-password page.
    const info = await t.app.inject({ url: `/api/set-password/${tokenOf(link.setPasswordUrl)}` });
    expect(info.statusCode).toBe(200);
  });

  it('at a reset too, saying the old password no longer works', async () => {
    const admin = await signedIn(t, 'admin');
    const person = await makeStaff(t.db, { name: 'Rex Reset' });
    const res = await call('POST', `/api/admin/staff/${person.id}/reset-password`, {
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mailedTo).toBe(person.email);
    const mail = smtp.received.find((m) => m.to.includes(person.email));
    expect(mail?.subject).toBe('Choose a new Parley password');
    expect(mail?.text).toContain(res.json().setPasswordUrl);
    expect(mail?.text).toContain('Hello Rex Reset,');
  });

  it('a refused mail never fails the action: the link is still answered, without mailedTo', async () => {
    const admin = await signedIn(t, 'admin');
    smtp.state.refuse = true;
    try {
      const body = newPerson();
      const res = await call('POST', '/api/admin/staff', { cookie: admin.cookie }, body);
      expect(res.statusCode).toBe(201);
      expect(res.json().setPasswordLink.setPasswordUrl).toMatch(/\/set-password\//);
      expect(res.json().setPasswordLink).not.toHaveProperty('mailedTo');
    } finally {
      smtp.state.refuse = false;
    }
  });

  it('an unreachable server or wrong credentials: same, the link is shown', async () => {
    const broken = createSmtpMailer({
      url: `smtp://desk:wrong@127.0.0.1:${smtp.port}`,
      from: 'Parley <desk@example.com>',
    });
    const logged: { details: object; message: string }[] = [];
    const { createStaffByAdmin } = await import('./staff-admin.service.ts');
    const { staffPrincipal } = await import('../../test/harness.ts');
    const admin = await makeStaff(t.db, { role: 'admin' });
    const created = await createStaffByAdmin(
      {
        db: t.db,
        presence: t.presence,
        notifier: { wake: () => undefined },
        mailer: broken,
        log: { warn: (details, message) => void logged.push({ details, message }) },
      },
      staffPrincipal(admin.id, 'admin'),
      { ...newPerson(), role: 'agent' },
      'http://desk.test',
    );
    broken.close();
    expect(created.setPasswordLink.mailedTo).toBeUndefined();
    expect(logged).toHaveLength(1);
    // The log names the failure, never the link.
    const token = tokenOf(created.setPasswordLink.setPasswordUrl);
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(logged[0]!.message).toMatch(/could not be mailed/);
  });
});

describe('without SMTP_URL', () => {
  it('no mail is sent and the link carries no mailedTo', async () => {
    const plain = await testApp({ database: t.database });
    const admin = await signedIn(plain, 'admin');
    const before = smtp.received.length;
    const res = await plain.app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      headers: { cookie: admin.cookie },
      payload: newPerson(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().setPasswordLink).not.toHaveProperty('mailedTo');
    expect(smtp.received.length).toBe(before);
  });
});
