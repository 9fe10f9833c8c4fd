CREATE TABLE "sms_parts" (
	"channel_id" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"sender" text NOT NULL,
	"reference" integer NOT NULL,
	"total" integer NOT NULL,
	"sequence" integer NOT NULL,
	"text" text NOT NULL,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "sms_parts_channel_id_provider_message_id_pk" PRIMARY KEY("channel_id","provider_message_id")
);
--> statement-breakpoint
ALTER TABLE "sms_parts" ADD CONSTRAINT "sms_parts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_parts_waiting_idx" ON "sms_parts" USING btree ("channel_id","sender","reference","total") WHERE "sms_parts"."joined_at" is null;--> statement-breakpoint
CREATE INDEX "sms_parts_received_idx" ON "sms_parts" USING btree ("received_at");