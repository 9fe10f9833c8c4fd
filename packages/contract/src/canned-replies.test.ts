import { describe, expect, it } from 'vitest';
import {
  cannedBodyProblem,
  cannedShortcutProblem,
  cannedTitleProblem,
  fillPlaceholders,
} from './canned-replies.ts';

const values = {
  customer: { name: 'Thandi Nkosi', phone: '+27821234567' },
  agent: { name: 'Sam van Wyk' },
};

describe('filling a canned reply’s placeholders', () => {
  it('fills the customer’s and the agent’s names, first names and the phone', () => {
    expect(
      fillPlaceholders(
        'Hi {{customer.firstName}} ({{customer.name}}, {{customer.phone}}), {{agent.firstName}} here — {{agent.name}}',
        values,
      ),
    ).toBe('Hi Thandi (Thandi Nkosi, +27821234567), Sam here — Sam van Wyk');
  });

  it('accepts spaces inside the braces and fills every occurrence', () => {
    expect(fillPlaceholders('{{ customer.firstName }} {{customer.firstName}}', values)).toBe(
      'Thandi Thandi',
    );
  });

  it('greets a customer without a name as “there”', () => {
    const nameless = { ...values, customer: { name: null, phone: '+27821234567' } };
    expect(fillPlaceholders('Hi {{customer.firstName}}!', nameless)).toBe('Hi there!');
    expect(
      fillPlaceholders('Dear {{customer.name}}', {
        ...nameless,
        customer: { name: '  ', phone: null },
      }),
    ).toBe('Dear there');
  });

  it('leaves unknown placeholders visible for the agent to fix', () => {
    expect(fillPlaceholders('Order {{order.number}} for {{customer.firstName}}', values)).toBe(
      'Order {{order.number}} for Thandi',
    );
    expect(fillPlaceholders('{{constructor}} {{__proto__}}', values)).toBe(
      '{{constructor}} {{__proto__}}',
    );
  });

  it('keeps text without placeholders as it is', () => {
    expect(fillPlaceholders('Thanks, all sorted.', values)).toBe('Thanks, all sorted.');
  });
});

describe('canned reply text rules', () => {
  it('wants a visible title of at most 80 characters without direction controls', () => {
    expect(cannedTitleProblem('Greeting')).toBeUndefined();
    expect(cannedTitleProblem('')).toBe('Give the reply a title.');
    expect(cannedTitleProblem('x'.repeat(81))).toBe('At most 80 characters.');
    expect(cannedTitleProblem('\u200B')).toBe('Use a title with visible letters.');
    expect(cannedTitleProblem('Refund\u202Etxt')).toMatch(/text-direction/);
  });

  it('wants a body of 1–4000 characters without direction controls', () => {
    expect(cannedBodyProblem('x'.repeat(4000))).toBeUndefined();
    expect(cannedBodyProblem('x'.repeat(4001))).toBe('At most 4000 characters.');
    expect(cannedBodyProblem('')).toBe('Write the reply first.');
    expect(cannedBodyProblem('a\u2066b')).toMatch(/text-direction/);
  });

  it('takes a shortcut of letters, digits, - and _', () => {
    expect(cannedShortcutProblem('')).toBeUndefined();
    expect(cannedShortcutProblem('refund-2')).toBeUndefined();
    expect(cannedShortcutProblem('two words')).toMatch(/Letters, digits/);
    expect(cannedShortcutProblem('/refund')).toMatch(/Letters, digits/);
    expect(cannedShortcutProblem('x'.repeat(31))).toBe('At most 30 characters.');
  });
});
