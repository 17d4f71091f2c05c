-- The rules SQLite keeps in triggers (migrations 0001, 0005, 0010, 0011), for PostgreSQL.
-- The audit log is append-only: the database itself refuses edits and deletions.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Outcome sets: an agreed set and its signatures never change; a proposed set's content is frozen;
-- a set becomes agreed only from proposed, with every required signature given.
CREATE FUNCTION outcome_sets_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'agreed' THEN RAISE EXCEPTION 'an outcome set is agreed only by sign-off'; END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'agreed' THEN RAISE EXCEPTION 'agreed outcome sets are immutable'; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  IF OLD.status = 'proposed' AND NEW.content IS DISTINCT FROM OLD.content THEN
    RAISE EXCEPTION 'a proposed outcome set cannot be edited; return it to draft first';
  END IF;
  IF NEW.status = 'agreed' AND (
    OLD.status <> 'proposed'
    OR NOT EXISTS (SELECT 1 FROM outcome_set_signatures s WHERE s.set_id = NEW.id)
    OR EXISTS (SELECT 1 FROM outcome_set_signatures s WHERE s.set_id = NEW.id AND s.signed_at IS NULL)
  ) THEN
    RAISE EXCEPTION 'an outcome set is agreed only when it was proposed and every required organisation has signed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER outcome_sets_rules BEFORE INSERT OR UPDATE OR DELETE ON outcome_sets FOR EACH ROW EXECUTE FUNCTION outcome_sets_rules();
--> statement-breakpoint
CREATE FUNCTION outcome_set_signatures_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  set_status text;
BEGIN
  SELECT status INTO set_status FROM outcome_sets WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.set_id ELSE OLD.set_id END;
  IF TG_OP = 'INSERT' AND set_status IS DISTINCT FROM 'proposed' THEN
    RAISE EXCEPTION 'sign-off rows belong to a proposed outcome set';
  ELSIF TG_OP = 'UPDATE' AND set_status IS DISTINCT FROM 'proposed' THEN
    RAISE EXCEPTION 'signatures of an agreed outcome set are immutable';
  ELSIF TG_OP = 'DELETE' AND set_status = 'agreed' THEN
    RAISE EXCEPTION 'signatures of an agreed outcome set are immutable';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER outcome_set_signatures_rules BEFORE INSERT OR UPDATE OR DELETE ON outcome_set_signatures FOR EACH ROW EXECUTE FUNCTION outcome_set_signatures_rules();
--> statement-breakpoint
-- What a journey page or a published summary is built from changes -> the content version moves,
-- in the same transaction; every server's caches check it (app/services/journey-cache.server.ts).
INSERT INTO content_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER partnerships_content_version AFTER INSERT OR UPDATE OR DELETE ON partnerships FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER consultations_content_version AFTER INSERT OR UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER consultation_translations_content_version AFTER INSERT OR UPDATE OR DELETE ON consultation_translations FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER surveys_content_version AFTER INSERT OR UPDATE OR DELETE ON surveys FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER rounds_content_version AFTER INSERT OR UPDATE OR DELETE ON rounds FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER questions_content_version AFTER INSERT OR UPDATE OR DELETE ON questions FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER question_translations_content_version AFTER INSERT OR UPDATE OR DELETE ON question_translations FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER candidate_outcome_translations_content_version AFTER INSERT OR UPDATE OR DELETE ON candidate_outcome_translations FOR EACH ROW EXECUTE FUNCTION bump_content_version();
--> statement-breakpoint
CREATE TRIGGER publication_versions_content_version AFTER INSERT OR UPDATE OR DELETE ON publication_versions FOR EACH ROW EXECUTE FUNCTION bump_content_version();
