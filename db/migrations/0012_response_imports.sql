CREATE TABLE `response_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`response_count` integer NOT NULL,
	`imported_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_imports_round_file` ON `response_imports` (`round_id`,`file_sha256`);--> statement-breakpoint
ALTER TABLE `participants` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `participants_consultation_external` ON `participants` (`consultation_id`,`external_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `channel` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `import_id` integer REFERENCES response_imports(id) ON DELETE set null;