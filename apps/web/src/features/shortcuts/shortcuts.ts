export type Shortcut = { keys: string[]; does: string };
export type ShortcutGroup = { title: string; items: Shortcut[] };

/** The keys that act on the open chat; the commands and the `?` sheet both read them here. */
export const chatActionKeys = {
  accept: 'a',
  pending: 'p',
  flag: 'f',
  close: 'c',
  transfer: 't',
  assign: 's',
  reopen: 'r',
} as const;

/** The single list the `?` sheet shows; keep it in step with the handlers. */
export const shortcutGroups: ShortcutGroup[] = [
  {
    title: 'Chat list',
    items: [
      { keys: ['j'], does: 'Next chat' },
      { keys: ['k'], does: 'Previous chat' },
      { keys: ['n'], does: 'Open the next unread chat' },
      { keys: ['Enter'], does: 'Open the selected chat' },
    ],
  },
  {
    title: 'Open chat',
    items: [
      { keys: [chatActionKeys.accept], does: 'Accept' },
      { keys: [chatActionKeys.pending], does: 'Mark pending or resume' },
      { keys: [chatActionKeys.flag], does: 'Flag or unflag' },
      { keys: [chatActionKeys.close], does: 'Close with a wrap-up' },
      { keys: [chatActionKeys.transfer], does: 'Transfer' },
      { keys: [chatActionKeys.assign], does: 'Assign (supervisors)' },
      { keys: [chatActionKeys.reopen], does: 'Reopen a closed chat' },
    ],
  },
  {
    title: 'Conversation',
    items: [
      { keys: ['Enter'], does: 'Send the message' },
      { keys: ['Shift', 'Enter'], does: 'New line' },
      { keys: ['Ctrl', 'Enter'], does: 'Send from any field' },
      { keys: ['Esc'], does: 'Leave the reply field' },
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
      { keys: ['Ctrl', 'K'], does: 'Command palette (⌘K on a Mac)' },
      { keys: ['/'], does: 'Search messages, customers and notes' },
      { keys: ['?'], does: 'Show keyboard shortcuts' },
      { keys: ['Esc'], does: 'Close a dialog' },
      { keys: ['Tab'], does: 'Move between controls' },
    ],
  },
];
