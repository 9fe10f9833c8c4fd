import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { HistoryIcon, LockIcon, NoteIcon, UserIcon } from '../../../ui/icons.tsx';
import { useDigitTabShortcuts } from '../hooks/useDigitTabShortcuts.ts';
import '../customer-panel.css';

export const panelTabs = ['profile', 'notes', 'history', 'comments'] as const;
export type PanelTab = (typeof panelTabs)[number];

const tabContent: Record<
  PanelTab,
  { label: string; icon: ReactNode; empty: string; description: string }
> = {
  profile: {
    label: 'Profile',
    icon: <UserIcon size={20} />,
    empty: "Select a chat to see the customer's profile.",
    description: 'Name, number, email, language and custom fields, shared with every colleague.',
  },
  notes: {
    label: 'Notes',
    icon: <NoteIcon size={20} />,
    empty: 'Select a chat to see notes about its customer.',
    description: 'Notes stay with the customer, newest first, with Jira links and ticket numbers.',
  },
  history: {
    label: 'History',
    icon: <HistoryIcon size={20} />,
    empty: "Select a chat to see the customer's history.",
    description: 'Every earlier chat and ticket, newest first, with its agents and outcome.',
  },
  comments: {
    label: 'Comments',
    icon: <LockIcon size={20} />,
    empty: 'Select a live chat to see its comments.',
    description: 'Comments are internal: only staff can see them, and they end with the chat.',
  },
};

/** The customer context beside the conversation; every tab shows its empty state until chats exist. */
export function ContextPanel() {
  const [tab, setTab] = useState<PanelTab>('profile');
  useDigitTabShortcuts(panelTabs, setTab);

  return (
    <aside className="pane context-panel" aria-label="Customer context">
      <Tabs.Root
        className="context-panel__tabs"
        value={tab}
        onValueChange={(value) => setTab(value as PanelTab)}
      >
        <Tabs.List className="tabs__list" aria-label="Customer context">
          {panelTabs.map((id, index) => (
            <Tabs.Trigger
              key={id}
              value={id}
              className="tabs__trigger"
              title={`${tabContent[id].label} (${index + 1})`}
            >
              {tabContent[id].label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {panelTabs.map((id) => (
          <Tabs.Content key={id} value={id} className="tabs__content">
            <EmptyState
              icon={tabContent[id].icon}
              title={tabContent[id].empty}
              description={tabContent[id].description}
            />
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </aside>
  );
}
