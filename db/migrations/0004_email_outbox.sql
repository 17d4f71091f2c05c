CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`consultation_id` integer,
	`related_id` integer,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_id` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `email_outbox_due` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_related` ON `email_outbox` (`kind`,`related_id`);--> statement-breakpoint
CREATE INDEX `email_outbox_consultation` ON `email_outbox` (`consultation_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `reminder_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `invitations_round_member` ON `invitations` (`round_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `invitations_member` ON `invitations` (`member_id`);