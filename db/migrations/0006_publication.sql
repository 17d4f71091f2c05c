CREATE TABLE `publication_drafts` (
	`consultation_id` integer PRIMARY KEY NOT NULL,
	`round_number` integer,
	`result_version` integer,
	`margins_id` integer,
	`licence` text DEFAULT 'OGL-3.0' NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`margins_id`) REFERENCES `population_margins`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `publication_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`point` text NOT NULL,
	`mime` text NOT NULL,
	`data` blob NOT NULL,
	`sha256` text NOT NULL,
	`replaced_at` integer,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `publication_images_consultation` ON `publication_images` (`consultation_id`,`point`);--> statement-breakpoint
CREATE TABLE `publication_texts` (
	`consultation_id` integer NOT NULL,
	`locale` text NOT NULL,
	`what_we_asked` text DEFAULT '' NOT NULL,
	`what_we_did` text DEFAULT '' NOT NULL,
	`method` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`easy_read_alt` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`consultation_id`, `locale`),
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `publication_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`change_note` text DEFAULT '' NOT NULL,
	`change_note_lang` text DEFAULT 'en' NOT NULL,
	`published_by` integer,
	`published_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publication_versions_consultation_version` ON `publication_versions` (`consultation_id`,`version`);