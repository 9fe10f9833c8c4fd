/*
 * The database schema, one file per area under `schema/`; this module is the one every repo and
 * drizzle-kit import, so a table's home can move without touching them.
 */
export * from './schema/people.ts';
export * from './schema/channels.ts';
export * from './schema/conversations.ts';
export * from './schema/operations.ts';
export * from './schema/canned-replies.ts';
