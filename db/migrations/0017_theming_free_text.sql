CREATE TABLE `agreement_sample_items` (
	`sample_id` integer NOT NULL,
	`answer_id` integer NOT NULL,
	`position` integer NOT NULL,
	`theme_ids` text,
	`coded_at` integer,
	PRIMARY KEY(`sample_id`, `answer_id`),
	FOREIGN KEY (`sample_id`) REFERENCES `agreement_samples`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreement_sample_items_position` ON `agreement_sample_items` (`sample_id`,`position`);--> statement-breakpoint
CREATE TABLE `agreement_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`coder_id` integer,
	`seed` integer NOT NULL,
	`size` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agreement_samples_question` ON `agreement_samples` (`consultation_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `coding_reviews` (
	`answer_id` integer PRIMARY KEY NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `machine_codings` (
	`answer_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`confidence` real NOT NULL,
	`rank` integer NOT NULL,
	`coded_at` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `theme_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `codebook_themes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `theme_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `machine_codings_theme` ON `machine_codings` (`theme_id`);--> statement-breakpoint
CREATE INDEX `machine_codings_run` ON `machine_codings` (`run_id`);--> statement-breakpoint
CREATE TABLE `outcome_provenance` (
	`outcome_id` integer PRIMARY KEY NOT NULL,
	`theme_id` integer,
	`theme_name` text NOT NULL,
	`question_id` integer,
	`answer_count` integer NOT NULL,
	`quote_ids` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`outcome_id`) REFERENCES `candidate_outcomes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `codebook_themes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `theme_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`phase` text DEFAULT '' NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`parameters` text DEFAULT '{}' NOT NULL,
	`result` text,
	`error` text,
	`requested_by` integer,
	`requested_at` integer NOT NULL,
	`started_at` integer,
	`heartbeat_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `theme_runs_question` ON `theme_runs` (`consultation_id`,`question_id`,`id`);--> statement-breakpoint
CREATE INDEX `theme_runs_status` ON `theme_runs` (`status`);--> statement-breakpoint
CREATE TABLE `theme_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`keywords` text NOT NULL,
	`size` integer NOT NULL,
	`exemplar_answer_ids` text NOT NULL,
	`member_answer_ids` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`theme_id` integer,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `theme_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `codebook_themes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_suggestions_run_key` ON `theme_suggestions` (`run_id`,`key`);