CREATE TABLE `answer_themes` (
	`answer_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	`tagged_by` integer,
	`tagged_at` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `theme_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `codebook_themes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tagged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answer_themes_theme` ON `answer_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `approved_quotes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`answer_id` integer NOT NULL,
	`text` text NOT NULL,
	`approved_by` integer,
	`approved_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approved_quotes_answer_id_unique` ON `approved_quotes` (`answer_id`);--> statement-breakpoint
CREATE INDEX `quotes_consultation` ON `approved_quotes` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `codebook_themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_consultation_name` ON `codebook_themes` (`consultation_id`,`name`);--> statement-breakpoint
CREATE TABLE `moderation_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`answer_id` integer NOT NULL,
	`decision` text NOT NULL,
	`outcome_id` integer,
	`reason` text,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `candidate_outcomes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `moderation_decisions_answer_id_unique` ON `moderation_decisions` (`answer_id`);--> statement-breakpoint
CREATE INDEX `moderation_consultation` ON `moderation_decisions` (`consultation_id`);