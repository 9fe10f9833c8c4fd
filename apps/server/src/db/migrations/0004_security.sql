DROP INDEX "chats_one_open_idx";--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "message_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "unverified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "widget_session_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "channel_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "to_phone" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "widget_sessions" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "widget_sessions" ADD COLUMN "code_phone" text;--> statement-breakpoint
ALTER TABLE "widget_sessions" ADD COLUMN "code_hash" text;--> statement-breakpoint
ALTER TABLE "widget_sessions" ADD COLUMN "code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widget_sessions" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_widget_session_id_widget_sessions_id_fk" FOREIGN KEY ("widget_session_id") REFERENCES "public"."widget_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chats_one_open_unverified_idx" ON "chats" USING btree ("widget_session_id") WHERE "chats"."status" <> 'closed' and "chats"."unverified";--> statement-breakpoint
CREATE UNIQUE INDEX "chats_one_open_idx" ON "chats" USING btree ("customer_id","channel_id") WHERE "chats"."status" <> 'closed' and not "chats"."unverified";--> statement-breakpoint
-- Tokens made before scopes existed could do whatever their owner could, short of admin work.
UPDATE "api_tokens" SET "scopes" = '{read,chats:write,customers:write}';
