export * from './problem.ts';
export * from './staff.ts';
export * from './session.ts';
export * from './chats.ts';
export * from './comments.ts';
export * from './customers.ts';
export * from './realtime.ts';
export * from './widget.ts';
