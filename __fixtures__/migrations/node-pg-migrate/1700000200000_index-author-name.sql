-- Up Migration
CREATE INDEX authors_name_idx ON authors (name);

-- Down Migration
DROP INDEX authors_name_idx;
