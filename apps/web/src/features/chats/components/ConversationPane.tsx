import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ChatIcon } from '../../../ui/icons.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import '../chats.css';

/** The conversation area; shows the selected chat's timeline and composer once chats exist. */
export function ConversationPane() {
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
