import { canSupervise } from '@parley/contract';
import type { Chat, Me } from '@parley/contract';
import type { ReactNode } from 'react';
import { typingLine, useTypingSender, useTypists } from '../../../app/realtime/index.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ChatIcon, LockIcon } from '../../../ui/icons.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { useCannedSuggestions } from '../../canned-replies/index.ts';
import { customerLabel, useChat } from '../../chats/index.ts';
import { AssignDialog, ObservingBanner, useMonitorSession } from '../../supervisor/index.ts';
import { useChatRoom } from '../hooks/useChatRoom.ts';
import { useComposerFiles } from '../hooks/useComposerFiles.ts';
import { useMarkRead } from '../hooks/useMarkRead.ts';
import { usePendingMessages, useSendMessage } from '../hooks/useSendMessage.ts';
import { Composer } from './Composer.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { ConversationTimeline } from './ConversationTimeline.tsx';
import { ConversationUnloaded } from './ConversationUnloaded.tsx';
import '../conversation.css';

type ConversationPaneProps = {
  chatId: string | null;
  me: Me;
  /** Drawn before the customer's name, e.g. a way back to the list on a narrow screen. */
  headerStart?: ReactNode;
  /** Drawn after the chat's actions, e.g. the button that opens the customer panel. */
  headerEnd?: ReactNode;
};

/** The conversation area: the open chat, or a hint how to open one. */
export function ConversationPane({ chatId, me, headerStart, headerEnd }: ConversationPaneProps) {
  if (chatId === null) {
    return (
      <section className="pane conversation" aria-label="Conversation">
        <div className="conversation__empty">
          <EmptyState
            icon={<ChatIcon size={22} />}
            title="Select a chat to see the conversation."
            description={
              <>
                Move through the list with <Kbd>j</Kbd> <Kbd>k</Kbd> and open with <Kbd>Enter</Kbd>.
                Press <Kbd>?</Kbd> for every shortcut.
              </>
            }
          />
        </div>
      </section>
    );
  }
  return (
    <Conversation
      key={chatId}
      chatId={chatId}
      me={me}
      headerStart={headerStart}
      headerEnd={headerEnd}
    />
  );
}

/** Why this person cannot write here, or null when they can. */
export function writeBlockedReason(chat: Chat, me: Me): string | null {
  if (chat.status === 'closed') return 'This chat is closed. Reopen it to write.';
  if (chat.assignee?.id === me.id) return null;
  if (chat.status === 'queued') return 'Accept this chat to reply.';
  const observed = observedAgent(chat, me);
  if (observed)
    return `You are observing ${observed}’s chat. Only its agent writes to the customer.`;
  if (canSupervise(me.role)) return 'You are watching this chat.';
  // Anyone else who can open a live chat was tagged into it.
  return chat.assignee
    ? `You are watching ${chat.assignee.name}’s chat. Comment in the Comments tab.`
    : 'This chat has no agent.';
}

/**
 * Whose chat a supervisor is observing (a colleague's live or pending chat), or null: while set,
 * a monitor session runs and a banner stands where the composer would.
 */
export function observedAgent(chat: Chat, me: Me): string | null {
  if (!canSupervise(me.role)) return null;
  if (chat.status !== 'live' && chat.status !== 'pending') return null;
  if (!chat.assignee || chat.assignee.id === me.id) return null;
  return chat.assignee.name;
}

function Conversation({
  chatId,
  me,
  headerStart,
  headerEnd,
}: ConversationPaneProps & { chatId: string }) {
  const chat = useChat(chatId);
  const observed = chat.data ? observedAgent(chat.data, me) : null;
  useMonitorSession(chatId, observed !== null);
  const { refused } = useChatRoom(chatId);
  const sender = useSendMessage(chatId);
  const pending = usePendingMessages(chatId);
  useMarkRead(chat.data, me);
  const canWrite =
    chat.data !== undefined && !observedAgent(chat.data, me) && !writeBlockedReason(chat.data, me);
  const { files, accept, drop } = useComposerFiles(chatId, 'chats', canWrite);
  const typists = useTypists(chatId, false, me.id);
  const sendTyping = useTypingSender(chatId, false);
  const canned = useCannedSuggestions({
    customer: { name: chat.data?.customer.name ?? null, phone: chat.data?.customer.phone ?? null },
    agent: { name: me.name },
  });

  if (chat.data === undefined)
    return <ConversationUnloaded what="chat" label="Conversation" query={chat} />;

  const name = customerLabel(chat.data.customer);
  const blocked = writeBlockedReason(chat.data, me);
  return (
    <section
      className="pane conversation file-drop"
      aria-label={`Conversation with ${name}`}
      data-dragging={drop.dragging || undefined}
      {...drop.handlers}
    >
      <ConversationHeader chat={chat.data} me={me} start={headerStart} end={headerEnd} />
      {refused ? (
        <p className="conversation__notice" role="status">
          New messages in this chat can&apos;t be shown live. Reopen it to see the latest.
        </p>
      ) : null}
      <ConversationTimeline
        chatId={chatId}
        label={`Messages with ${name}`}
        meId={me.id}
        pending={pending}
        onRetry={sender.retry}
        onDiscard={sender.discard}
        customerName={name}
      />
      <p className="conversation__typing" role="status">
        {typingLine(typists, name)}
      </p>
      {observed ? (
        <ObservingBanner agentName={observed}>
          <AssignDialog chat={chat.data} me={me} />
        </ObservingBanner>
      ) : blocked ? (
        <p className="composer composer--blocked">
          <LockIcon size={14} />
          {blocked}
          {chat.data.status === 'queued' && canSupervise(me.role) ? (
            <span className="composer__blocked-actions">
              <AssignDialog chat={chat.data} me={me} />
            </span>
          ) : null}
        </p>
      ) : (
        <Composer
          chatId={chatId}
          recipient={name}
          onSend={sender.send}
          files={files}
          accept={accept}
          onTyping={sendTyping}
          canned={canned}
        />
      )}
    </section>
  );
}
