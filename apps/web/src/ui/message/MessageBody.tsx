import type { ContactCard } from '@parley/contract';
import type { ReactNode } from 'react';
import { AttachmentView } from './AttachmentView.tsx';
import { ContactCards, InteractiveReply, LocationCard, OrderCard } from './ContentCards.tsx';
import { LinkifiedText } from './LinkifiedText.tsx';
import { EditedMark, ReplyQuote } from './MessageMarks.tsx';
import type { Audience, MessageParts } from './messageParts.ts';
import { messageElementId } from './messageParts.ts';
import './message.css';

export type MessageBodyProps = {
  message: MessageParts;
  audience: Audience;
  /** Whether a message is on the page, so its quote can take the reader to it. */
  isLoaded?: ((id: string) => boolean) | undefined;
  /** What the reader may do with a shared contact (the desk's "Start chat"). */
  contactAction?: ((contact: ContactCard) => ReactNode) | undefined;
};

/**
 * What a message says, as what it is: the quote it answers, a forward mark, its text, pictures,
 * players, files, places, contacts and choices, and its edit and deletion marks. The same inside
 * the desk's bubbles, History's transcript and the widget.
 */
export function MessageBody({ message, audience, isLoaded, contactAction }: MessageBodyProps) {
  const { context } = message;
  const replyTo = context?.replyTo ?? null;
  const quoted = replyTo?.messageId ?? null;
  const revoked = message.revokedAt !== null;
  return (
    <div className="message-body" data-revoked={revoked || undefined}>
      {context?.forwarded ? (
        <span className="message-mark message-mark--forwarded">
          {context.frequentlyForwarded ? 'Forwarded many times' : 'Forwarded'}
        </span>
      ) : null}
      {replyTo ? (
        <ReplyQuote
          replyTo={replyTo}
          onOpen={quoted && isLoaded?.(quoted) ? () => scrollToMessage(quoted) : null}
        />
      ) : null}
      {context?.referral ? <Referral referral={context.referral} /> : null}
      <Content message={message} contactAction={contactAction} />
      {message.editedAt || revoked ? (
        <span className="message-marks">
          {message.editedAt ? <EditedMark originalText={message.originalText} /> : null}
          {revoked ? (
            <span className="message-mark message-mark--revoked">
              {audience === 'staff' && message.direction === 'in'
                ? 'Deleted by the customer'
                : 'Deleted'}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

function Text({ children }: { children: string }) {
  return children ? (
    <span className="message-text">
      <LinkifiedText text={children} />
    </span>
  ) : null;
}

function Content({
  message,
  contactAction,
}: {
  message: MessageParts;
  contactAction: MessageBodyProps['contactAction'];
}) {
  const { content, attachments } = message;
  const files = attachments.map((attachment) => (
    <AttachmentView
      key={attachment.id}
      attachment={attachment}
      content={content}
      authorName={message.authorName}
    />
  ));
  if (content === null) {
    return (
      <>
        {files}
        <Text>{message.text}</Text>
      </>
    );
  }
  switch (content.kind) {
    case 'image':
    case 'video':
    case 'document':
      // Without its file (not loaded) the readable line still says what it was.
      return files.length > 0 ? (
        <>
          {files}
          <Text>{content.caption ?? ''}</Text>
        </>
      ) : (
        <Text>{message.text}</Text>
      );
    case 'audio':
    case 'sticker':
      return files.length > 0 ? files : <Text>{message.text}</Text>;
    case 'location':
      return <LocationCard content={content} />;
    case 'contact':
      return <ContactCards content={content} action={contactAction} />;
    case 'interactive':
      return <InteractiveReply content={content} />;
    case 'order':
      return <OrderCard content={content} />;
    case 'reaction':
      // Shown on its own only when the message it is about is not on the page.
      return <Text>{message.text}</Text>;
    case 'system':
      return <Text>{content.description}</Text>;
    case 'unsupported':
      return (
        <span className="message-unsupported">
          Unsupported message ({content.type}){content.reason ? ` — ${content.reason}` : ''}
        </span>
      );
  }
}

function Referral({
  referral,
}: {
  referral: NonNullable<NonNullable<MessageParts['context']>['referral']>;
}) {
  const what = referral.headline ?? referral.body ?? referral.sourceUrl;
  return (
    <span className="message-mark message-mark--referral">
      From {referral.sourceType === 'post' ? 'a post' : 'an ad'}
      {what ? `: ${what}` : ''}
    </span>
  );
}

/** Brings a quoted message into view and to the keyboard's attention. */
export function scrollToMessage(id: string) {
  const element = document.getElementById(messageElementId(id));
  if (!element) return;
  element.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  element.focus({ preventScroll: true });
}
