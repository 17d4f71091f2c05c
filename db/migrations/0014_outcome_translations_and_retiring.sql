CREATE TABLE `rating_wordings` (
	`consultation_id` integer NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	`hint` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`consultation_id`, `locale`),
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
