ALTER TABLE `consultations` ADD `personal_data_retain_until` integer;--> statement-breakpoint
ALTER TABLE `consultations` ADD `personal_data_deleted_at` integer;