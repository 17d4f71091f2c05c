CREATE TABLE `consultation_signatories` (
	`consultation_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`added_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`consultation_id`, `organisation_id`),
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `outcome_set_signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`organisation_name` text NOT NULL,
	`user_id` integer,
	`signer_name` text,
	`signed_at` integer,
	FOREIGN KEY (`set_id`) REFERENCES `outcome_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_set_signatures_set_org` ON `outcome_set_signatures` (`set_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `outcome_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`content` text NOT NULL,
	`change_reason` text DEFAULT '' NOT NULL,
	`previous_version_id` integer,
	`created_by` integer,
	`created_by_name` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`updated_by_name` text DEFAULT '' NOT NULL,
	`proposed_at` integer,
	`agreed_at` integer,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_sets_consultation_version` ON `outcome_sets` (`consultation_id`,`version`);--> statement-breakpoint
-- Agreed outcome sets are immutable: the database refuses to change or delete them.
CREATE TRIGGER `outcome_sets_agreed_no_update` BEFORE UPDATE ON `outcome_sets` WHEN OLD.`status` = 'agreed'
BEGIN
  SELECT RAISE(ABORT, 'agreed outcome sets are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_sets_agreed_no_delete` BEFORE DELETE ON `outcome_sets` WHEN OLD.`status` = 'agreed'
BEGIN
  SELECT RAISE(ABORT, 'agreed outcome sets are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_sets_no_insert_agreed` BEFORE INSERT ON `outcome_sets` WHEN NEW.`status` = 'agreed'
BEGIN
  SELECT RAISE(ABORT, 'an outcome set is agreed only by sign-off');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_sets_proposed_content_frozen` BEFORE UPDATE OF `content` ON `outcome_sets` WHEN OLD.`status` = 'proposed' AND NEW.`content` IS NOT OLD.`content`
BEGIN
  SELECT RAISE(ABORT, 'a proposed outcome set cannot be edited; return it to draft first');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_sets_agreed_needs_signatures` BEFORE UPDATE OF `status` ON `outcome_sets`
WHEN NEW.`status` = 'agreed' AND (
  OLD.`status` <> 'proposed'
  OR NOT EXISTS (SELECT 1 FROM `outcome_set_signatures` s WHERE s.`set_id` = NEW.`id`)
  OR EXISTS (SELECT 1 FROM `outcome_set_signatures` s WHERE s.`set_id` = NEW.`id` AND s.`signed_at` IS NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'an outcome set is agreed only when it was proposed and every required organisation has signed');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_set_signatures_insert_only_proposed` BEFORE INSERT ON `outcome_set_signatures`
WHEN (SELECT `status` FROM `outcome_sets` WHERE `id` = NEW.`set_id`) IS NOT 'proposed'
BEGIN
  SELECT RAISE(ABORT, 'sign-off rows belong to a proposed outcome set');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_set_signatures_update_only_proposed` BEFORE UPDATE ON `outcome_set_signatures`
WHEN (SELECT `status` FROM `outcome_sets` WHERE `id` = OLD.`set_id`) IS NOT 'proposed'
BEGIN
  SELECT RAISE(ABORT, 'signatures of an agreed outcome set are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_set_signatures_agreed_no_delete` BEFORE DELETE ON `outcome_set_signatures`
WHEN (SELECT `status` FROM `outcome_sets` WHERE `id` = OLD.`set_id`) = 'agreed'
BEGIN
  SELECT RAISE(ABORT, 'signatures of an agreed outcome set are immutable');
END;
