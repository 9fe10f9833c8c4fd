import { createTransport } from 'nodemailer';

/** A plain-text mail to one person. */
export type Mail = { to: string; subject: string; text: string };

/** Sends mail through the configured SMTP server; resolves once the server accepted it. */
export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

/**
 * A mailer for `SMTP_URL` (smtp:// or smtps://, credentials in the URL). Sending waits at most a
 * few seconds for the server: an admin is waiting for the answer, and the link is shown anyway.
 */
export function createSmtpMailer(smtp: { url: string; from: string }): Mailer {
  const url = new URL(smtp.url);
  const transport = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
    close: () => transport.close(),
  };
}
