CREATE TABLE `study_report_texts` (
	`consultation_id` integer NOT NULL,
	`item` text NOT NULL,
	`text` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`consultation_id`, `item`),
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
