ALTER TABLE `invitations` ADD `round_id` integer REFERENCES rounds(id);--> statement-breakpoint
ALTER TABLE `invitations` ADD `completed_at` integer;--> statement-breakpoint
ALTER TABLE `rounds` ADD `feedback_by` text DEFAULT 'overall' NOT NULL;