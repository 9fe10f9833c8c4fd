-- Realtime records are frames; "event" is kept for the stored domain events (the events table).
ALTER TABLE "realtime_events" RENAME TO "realtime_frames";--> statement-breakpoint
ALTER INDEX "realtime_events_created_idx" RENAME TO "realtime_frames_created_idx";--> statement-breakpoint
ALTER INDEX "realtime_events_pkey" RENAME TO "realtime_frames_pkey";--> statement-breakpoint
ALTER SEQUENCE "realtime_events_id_seq" RENAME TO "realtime_frames_id_seq";
