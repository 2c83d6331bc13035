ALTER TABLE builds DROP CONSTRAINT builds_pkey;
DROP INDEX builds_build_started_idx ;
