-- safe: a wider varchar, or text, needs no rewrite
SET lock_timeout = '3s';
ALTER TABLE labels ALTER COLUMN caption TYPE varchar(80);
ALTER TABLE labels ALTER COLUMN caption TYPE text;
