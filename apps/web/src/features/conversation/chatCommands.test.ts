import { describe, expect, it, vi } from 'vitest';
import { buildChat, buildMe } from '../../test/fixtures.ts';
import { chatCommands } from './chatCommands.ts';
import { flaggedCloseReason, flaggedTransferReason } from './chatRules.ts';

const me = buildMe();
const supervisor = buildMe({ id: 'staff-sup', name: 'Sam Super', role: 'supervisor' });
const idle = { acceptReason: null, busy: null };

function handlers() {
  return { act: vi.fn(), openWrapUp: vi.fn(), openTransfer: vi.fn(), openAssign: vi.fn() };
}

const summary = (commands: ReturnType<typeof chatCommands>) =>
  commands.map((command) => [command.key, command.label, command.disabledReason]);

describe('chatCommands', () => {
  it('offers pending, flag, transfer and close on my live chat, each on its key', () => {
    const on = handlers();
    const commands = chatCommands(buildChat(), me, idle, on);
    expect(summary(commands)).toEqual([
      ['p', 'Mark pending', null],
      ['f', 'Flag', null],
      ['t', 'Transfer…', null],
      ['c', 'Close…', null],
    ]);
    commands.find((command) => command.key === 'f')!.run();
    expect(on.act).toHaveBeenCalledWith('flag');
    commands.find((command) => command.key === 'c')!.run();
    expect(on.openWrapUp).toHaveBeenCalled();
  });

  it('keeps close and transfer on a flagged chat but says why they are off', () => {
    const commands = chatCommands(buildChat({ flagged: true }), me, idle, handlers());
    expect(summary(commands)).toEqual([
      ['p', 'Mark pending', null],
      ['f', 'Unflag', null],
      ['t', 'Transfer…', flaggedTransferReason],
      ['c', 'Close…', flaggedCloseReason],
    ]);
  });

  it('resumes a pending chat with the same key, and transfer says only live chats go', () => {
    const commands = chatCommands(buildChat({ status: 'pending' }), me, idle, handlers());
    expect(commands.find((command) => command.key === 'p')!.label).toBe('Resume');
    expect(commands.find((command) => command.key === 't')!.disabledReason).toMatch(
      /Only a live chat can be transferred/,
    );
  });

  it('offers Accept on a queued chat, off with the capacity reason when full', () => {
    const queued = buildChat({ status: 'queued', assignee: null });
    expect(summary(chatCommands(queued, me, idle, handlers()))).toEqual([['a', 'Accept', null]]);
    const full = chatCommands(queued, me, { acceptReason: 'Full.', busy: null }, handlers());
    expect(summary(full)).toEqual([['a', 'Accept', 'Full.']]);
  });

  it('offers nothing on a colleague’s chat to an agent, and Assign… to a supervisor', () => {
    const theirs = buildChat({
      assignee: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' },
    });
    expect(chatCommands(theirs, me, idle, handlers())).toEqual([]);
    const on = handlers();
    const commands = chatCommands(theirs, supervisor, idle, on);
    const assign = commands.find((command) => command.key === 's')!;
    expect(assign.label).toBe('Assign…');
    assign.run();
    expect(on.openAssign).toHaveBeenCalled();
  });

  it('reopens a closed chat with r', () => {
    const closed = buildChat({ status: 'closed' });
    expect(summary(chatCommands(closed, me, idle, handlers()))).toEqual([['r', 'Reopen', null]]);
  });

  it('holds every command while a change is on its way', () => {
    const commands = chatCommands(
      buildChat(),
      me,
      { acceptReason: null, busy: 'flag' },
      handlers(),
    );
    expect(commands.every((command) => command.disabledReason !== null)).toBe(true);
  });
});
