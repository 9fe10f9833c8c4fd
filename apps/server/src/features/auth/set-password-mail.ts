import type { SetPasswordLink } from '@parley/contract';
import type { Mail, Mailer } from '../../mail.ts';

/** What sending a link needs: a mailer when SMTP_URL is set, and somewhere to note a failure. */
export type LinkMailDeps = {
  mailer?: Mailer | undefined;
  log?: { warn(details: object, message: string): void } | undefined;
};

/** The short plain-text mail that carries a set-password link to its owner. */
export function setPasswordMail(
  person: { name: string; email: string },
  link: SetPasswordLink,
  why: 'created' | 'reset',
): Mail {
  const expires = new Date(link.expiresAt).toUTCString();
  return {
    to: person.email,
    subject: why === 'created' ? 'Your Parley account' : 'Choose a new Parley password',
    text: [
      `Hello ${person.name},`,
      '',
      why === 'created'
        ? 'An admin made you an account on Parley, your team’s customer-service desk.'
        : 'An admin reset your Parley password; the old one no longer works.',
      `Choose your password with this link. It works once, until ${expires}:`,
      '',
      link.setPasswordUrl,
      '',
      'If you did not expect this mail, ignore it and tell your Parley admin.',
      '',
    ].join('\n'),
  };
}

/**
 * Also mails the link when a mailer is configured, and says so with `mailedTo`. A mail that fails
 * never fails the admin's action: the link is shown to them anyway, and the failure is logged
 * (without the link, which would let whoever reads the log set the password).
 */
export async function mailSetPasswordLink(
  deps: LinkMailDeps,
  person: { name: string; email: string },
  link: SetPasswordLink,
  why: 'created' | 'reset',
): Promise<SetPasswordLink> {
  if (!deps.mailer) return link;
  try {
    await deps.mailer.send(setPasswordMail(person, link, why));
    return { ...link, mailedTo: person.email };
  } catch (err) {
    const e = err as { code?: unknown; responseCode?: unknown };
    deps.log?.warn(
      { to: person.email, code: e.code, responseCode: e.responseCode },
      'the set-password link could not be mailed; the admin was shown it',
    );
    return link;
  }
}
