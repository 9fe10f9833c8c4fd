export type Shortcut = { keys: string[]; does: string };
export type ShortcutGroup = { title: string; items: Shortcut[] };

/** The single list the `?` sheet shows; keep it in step with the handlers. */
export const shortcutGroups: ShortcutGroup[] = [
  {
    title: 'Chat list',
    items: [
      { keys: ['j'], does: 'Next chat' },
      { keys: ['k'], does: 'Previous chat' },
      { keys: ['Enter'], does: 'Open the selected chat' },
    ],
  },
  {
    title: 'Conversation',
    items: [
      { keys: ['Enter'], does: 'Send the message' },
      { keys: ['Shift', 'Enter'], does: 'New line' },
      { keys: ['Ctrl', 'Enter'], does: 'Send from any field' },
    ],
  },
  {
    title: 'Customer panel',
    items: [
      { keys: ['1'], does: 'Profile' },
      { keys: ['2'], does: 'Notes' },
      { keys: ['3'], does: 'History' },
      { keys: ['4'], does: 'Comments' },
      { keys: ['i'], does: 'Customer details: open or close the panel on a narrow screen' },
    ],
  },
  {
    title: 'Anywhere',
    items: [
      { keys: ['/'], does: 'Search messages, customers and notes' },
      { keys: ['?'], does: 'Show keyboard shortcuts' },
      { keys: ['Esc'], does: 'Close a dialog' },
      { keys: ['Tab'], does: 'Move between controls' },
    ],
  },
];
