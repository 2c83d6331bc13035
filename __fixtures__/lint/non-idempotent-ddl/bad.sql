CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);
ALTER TABLE posts ADD COLUMN tag_id bigint;
