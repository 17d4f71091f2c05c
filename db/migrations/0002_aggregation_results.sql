CREATE TABLE `aggregation_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`version` integer NOT NULL,
	`input_hash` text NOT NULL,
	`margins_id` integer,
	`parameters` text NOT NULL,
	`result` text NOT NULL,
	`response_count` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`margins_id`) REFERENCES `population_margins`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `results_round_version` ON `aggregation_results` (`round_id`,`version`);--> statement-breakpoint
CREATE INDEX `results_round_hash` ON `aggregation_results` (`round_id`,`input_hash`);--> statement-breakpoint
CREATE TABLE `population_margins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`name` text NOT NULL,
	`rows` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
