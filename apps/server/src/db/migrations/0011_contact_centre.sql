-- Transfers, monitoring sessions, and the chat timestamps the timers count from. Chats open at
-- upgrade get state_since = now(): their timers start afresh rather than firing all at once.
CREATE TYPE "public"."transfer_state" AS ENUM('offered', 'accepted', 'rejected', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TABLE "monitor_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"from_staff_id" uuid,
	"offered_by_id" uuid,
	"to_staff_id" uuid,
	"to_department_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"state" "transfer_state" DEFAULT 'offered' NOT NULL,
	"reason" text,
	"answered_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "state_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "awaiting_reply_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "last_staff_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "inactivity_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "open_transfer" jsonb;--> statement-breakpoint
ALTER TABLE "monitor_sessions" ADD CONSTRAINT "monitor_sessions_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_sessions" ADD CONSTRAINT "monitor_sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_staff_id_staff_id_fk" FOREIGN KEY ("from_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_offered_by_id_staff_id_fk" FOREIGN KEY ("offered_by_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_staff_id_staff_id_fk" FOREIGN KEY ("to_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_department_id_departments_id_fk" FOREIGN KEY ("to_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_answered_by_id_staff_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_sessions_open_idx" ON "monitor_sessions" USING btree ("last_seen_at") WHERE "monitor_sessions"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_open_idx" ON "transfers" USING btree ("chat_id") WHERE "transfers"."state" = 'offered';--> statement-breakpoint
CREATE INDEX "transfers_due_idx" ON "transfers" USING btree ("expires_at") WHERE "transfers"."state" = 'offered';--> statement-breakpoint
CREATE INDEX "transfers_to_staff_idx" ON "transfers" USING btree ("to_staff_id") WHERE "transfers"."state" = 'offered';--> statement-breakpoint
CREATE INDEX "transfers_from_staff_idx" ON "transfers" USING btree ("from_staff_id","created_at");--> statement-breakpoint
CREATE INDEX "chats_open_state_idx" ON "chats" USING btree ("status","state_since") WHERE "chats"."status" in ('live', 'pending');