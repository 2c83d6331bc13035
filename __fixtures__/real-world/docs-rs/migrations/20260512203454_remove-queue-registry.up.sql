ALTER TABLE queue DROP COLUMN registry;
