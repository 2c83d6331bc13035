ALTER TABLE audit_log SET TABLESPACE archive_disk;
ALTER TABLE page_views SET UNLOGGED;
