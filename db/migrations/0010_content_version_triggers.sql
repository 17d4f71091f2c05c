-- What a journey page is built from changes → the content version moves, in the same transaction.
-- The citizen journey caches that structure per consultation and language (app/services/journey-cache.server.ts).
INSERT INTO `content_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `partnerships_insert_content_version` AFTER INSERT ON `partnerships`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `partnerships_update_content_version` AFTER UPDATE ON `partnerships`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `partnerships_delete_content_version` AFTER DELETE ON `partnerships`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_insert_content_version` AFTER INSERT ON `consultations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_update_content_version` AFTER UPDATE ON `consultations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultations_delete_content_version` AFTER DELETE ON `consultations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_translations_insert_content_version` AFTER INSERT ON `consultation_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_translations_update_content_version` AFTER UPDATE ON `consultation_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `consultation_translations_delete_content_version` AFTER DELETE ON `consultation_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_insert_content_version` AFTER INSERT ON `surveys`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_update_content_version` AFTER UPDATE ON `surveys`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_delete_content_version` AFTER DELETE ON `surveys`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_insert_content_version` AFTER INSERT ON `rounds`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_update_content_version` AFTER UPDATE ON `rounds`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_delete_content_version` AFTER DELETE ON `rounds`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_insert_content_version` AFTER INSERT ON `questions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_update_content_version` AFTER UPDATE ON `questions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_delete_content_version` AFTER DELETE ON `questions`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_translations_insert_content_version` AFTER INSERT ON `question_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_translations_update_content_version` AFTER UPDATE ON `question_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `question_translations_delete_content_version` AFTER DELETE ON `question_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_outcome_translations_insert_content_version` AFTER INSERT ON `candidate_outcome_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_outcome_translations_update_content_version` AFTER UPDATE ON `candidate_outcome_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_outcome_translations_delete_content_version` AFTER DELETE ON `candidate_outcome_translations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
