CREATE TABLE `preview_sessions` (
	`key` text PRIMARY KEY NOT NULL,
	`answers` text NOT NULL,
	`round_number` integer,
	`reference` text,
	`touched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
-- Published summaries change too: the public-page cache of every server process checks this version.
CREATE TRIGGER `publication_versions_insert_content_version` AFTER INSERT ON `publication_versions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- Published summaries change too: the public-page cache of every server process checks this version.
CREATE TRIGGER `publication_versions_update_content_version` AFTER UPDATE ON `publication_versions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- Published summaries change too: the public-page cache of every server process checks this version.
CREATE TRIGGER `publication_versions_delete_content_version` AFTER DELETE ON `publication_versions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
