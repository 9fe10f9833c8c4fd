import { acceptAttribute } from '../ui/files/fileRules.ts';
import { useFileDrafts } from '../ui/files/useFileDrafts.ts';
import { useFileDrop } from '../ui/files/useFileDrop.ts';
import { describeWidgetError, widgetApi } from './api.ts';
import { ChatStatus } from './components/ChatStatus.tsx';
import { Composer } from './components/Composer.tsx';
import { Conversation } from './components/Conversation.tsx';
import { EndChatDialog } from './components/EndChatDialog.tsx';
import { Header } from './components/Header.tsx';
import { AlertIcon, CheckIcon } from './components/icons.tsx';
import { StartForm } from './components/StartForm.tsx';
import { VerifyNumber } from './components/VerifyNumber.tsx';
import { useAttachmentLimits } from './useAttachmentLimits.ts';
import { useGreeting } from './useGreeting.ts';
import { useWidgetChat } from './useWidgetChat.ts';

// The contract's MAX_ATTACHMENTS_PER_MESSAGE; its value is not imported so the page stays small.
const MAX_FILES = 10;

const focusComposer = () => document.querySelector<HTMLElement>('.composer__input')?.focus();

/** The customer's chat page: a start form, then the conversation with the business's team. */
export function WidgetApp({ channelId }: { channelId: string }) {
  const chat = useWidgetChat(channelId);
  const greeting = useGreeting(channelId);
  const { phase, conversation, connection } = chat;
  const chatId = conversation.chat?.closed === false ? conversation.chat.id : null;
  // Only a chat this page has seen something of can be ended from it.
  const open = chatId !== null && conversation.entries.some((entry) => entry.chatId === chatId);
  const ended = conversation.chat?.closed === true;
  const limits = useAttachmentLimits(channelId, phase.kind === 'chat');
  const files = useFileDrafts({
    uploadUrl: widgetApi.uploadUrl(channelId),
    limits,
    maxFiles: MAX_FILES,
    describeError: describeWidgetError,
  });
  const drop = useFileDrop(files.add, phase.kind === 'chat');

  return (
    <div className="widget">
      <div className="widget__panel">
        <Header
          subtitle="You’re chatting with a person from our team"
          action={
            phase.kind === 'chat' && open ? (
              <EndChatDialog onEnd={chat.end} onEnded={focusComposer} />
            ) : undefined
          }
        />
        <main className="widget__main">
          {greeting && (phase.kind === 'start' || phase.kind === 'chat') ? (
            <p className="widget__greeting">{greeting}</p>
          ) : null}
          {(phase.kind === 'loading' || (phase.kind === 'start' && chat.awaitingIdentity)) && (
            <div className="widget__state" role="status">
              <span className="spinner" aria-hidden="true" />
              Loading…
            </div>
          )}
          {phase.kind === 'unavailable' && (
            <div className="widget__state">
              <p className="widget__state-title">This chat isn’t available</p>
              <p>Check the link you followed, or contact us another way.</p>
            </div>
          )}
          {phase.kind === 'error' && (
            <div className="widget__state" role="alert">
              <AlertIcon size={20} />
              <p>{phase.message}</p>
              <button type="button" className="button button--secondary" onClick={chat.reload}>
                Try again
              </button>
            </div>
          )}
          {phase.kind === 'start' && !chat.awaitingIdentity && (
            <StartForm notice={phase.notice} onStart={chat.start} />
          )}
          {phase.kind === 'chat' && (
            <>
              {chat.verification.canVerify && !chat.verification.verified && (
                <VerifyNumber
                  initialPhone={chat.verification.phone}
                  onRequest={chat.requestCode}
                  onConfirm={chat.confirmCode}
                />
              )}
              {chat.verification.justVerified ? (
                <p className="verify-done" role="status">
                  <CheckIcon size={14} /> Your number is verified.
                </p>
              ) : (
                chat.verification.verified &&
                chat.verification.phone && (
                  <p className="verify-done" role="status">
                    <CheckIcon size={14} /> Signed in as {chat.verification.phone}
                  </p>
                )
              )}
              <div
                className="widget__body file-drop"
                data-dragging={drop.dragging || undefined}
                {...drop.handlers}
              >
                {connection === 'reconnecting' && (
                  <p className="banner" role="status">
                    Connection lost. Reconnecting…
                  </p>
                )}
                <Conversation
                  entries={conversation.entries}
                  ended={ended}
                  greetingName={chat.name}
                  onRetry={chat.retry}
                />
              </div>
              <p className="widget-typing" role="status">
                {chat.agentTyping && !ended
                  ? `${chat.agentTyping.name ?? 'The team'} is typing…`
                  : ''}
              </p>
              <ChatStatus chat={chat.chatState} onLeaveContact={chat.leaveContact} />
              <Composer
                onSend={chat.send}
                onTyping={chat.typing}
                ended={ended}
                files={files}
                accept={acceptAttribute(limits)}
              />
            </>
          )}
          <div className="visually-hidden" aria-live="polite" aria-atomic="true">
            {conversation.announcement}
          </div>
        </main>
      </div>
    </div>
  );
}
