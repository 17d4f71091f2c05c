-- Issue 18: a citizen's receipt names no response, and is deleted once sent or failed for good.
DELETE FROM `email_outbox` WHERE `kind` = 'receipt' AND `status` IN ('sent', 'failed', 'bounced');
--> statement-breakpoint
UPDATE `email_outbox` SET `related_id` = NULL WHERE `kind` = 'receipt';
