import {
  type CustomerTimelineKind,
  type HistoryItem,
  customerTimelineKinds,
} from '@parley/contract';
import { useId, useState } from 'react';
import { useNow } from '../../../ui/useNow.ts';
import { useHistoryLive } from '../hooks/useHistoryLive.ts';
import { ChatHistoryList } from './ChatHistoryList.tsx';
import { CustomerTimelineView } from './CustomerTimelineView.tsx';
import { TranscriptDialog } from './TranscriptDialog.tsx';
import '../history.css';

type HistoryTabProps = {
  customerId: string;
  /** The chat open beside the panel, if any: it is not "earlier", and is already on screen. */
  currentChatId: string | null;
};

type View = 'chats' | 'everything';

const views: { value: View; label: string }[] = [
  { value: 'chats', label: 'Chats' },
  { value: 'everything', label: 'Everything' },
];

/**
 * The History tab: the customer's earlier chats and tickets newest first, each opening
 * read-only; or, under "Everything", their whole story with notes and profile changes.
 */
export function HistoryTab({ customerId, currentChatId }: HistoryTabProps) {
  const [view, setView] = useState<View>('chats');
  const [kinds, setKinds] = useState<CustomerTimelineKind[]>([...customerTimelineKinds]);
  const [opened, setOpened] = useState<HistoryItem | null>(null);
  const now = useNow(60_000);
  const name = useId();
  useHistoryLive(customerId);

  return (
    <div className="history">
      <div className="history__bar">
        <div className="segmented" role="radiogroup" aria-label="Show in history">
          {views.map((option) => (
            <label key={option.value} className="segmented__option">
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={view === option.value}
                onChange={() => setView(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </div>
      {view === 'chats' ? (
        <ChatHistoryList
          customerId={customerId}
          currentChatId={currentChatId}
          now={now}
          onOpen={setOpened}
        />
      ) : (
        <CustomerTimelineView
          customerId={customerId}
          currentChatId={currentChatId}
          now={now}
          kinds={kinds}
          onKindsChange={setKinds}
          onOpen={setOpened}
        />
      )}
      <TranscriptDialog item={opened} onClose={() => setOpened(null)} />
    </div>
  );
}
