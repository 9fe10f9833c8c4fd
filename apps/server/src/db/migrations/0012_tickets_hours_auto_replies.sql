-- Tickets (a conversation nobody could take live keeps its row, kind = ticket), business hours
-- per department, and the admins' auto-reply texts.
CREATE TYPE "public"."chat_kind" AS ENUM('chat', 'ticket');--> statement-breakpoint
CREATE TABLE "auto_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"department_id" uuid,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_hours" (
	"department_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "chats_queue_idx";--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "kind" "chat_kind" DEFAULT 'chat' NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "ticket_reason" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "ticket_contact" text;--> statement-breakpoint
ALTER TABLE "auto_replies" ADD CONSTRAINT "auto_replies_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_hours" ADD CONSTRAINT "business_hours_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auto_replies_one_idx" ON "auto_replies" USING btree ("kind",coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid),"language");--> statement-breakpoint
CREATE INDEX "chats_tickets_idx" ON "chats" USING btree ("department_id","created_at") WHERE "chats"."kind" = 'ticket' and "chats"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "chats_queue_idx" ON "chats" USING btree ("department_id","queued_at") WHERE "chats"."status" = 'queued' and "chats"."kind" = 'chat';