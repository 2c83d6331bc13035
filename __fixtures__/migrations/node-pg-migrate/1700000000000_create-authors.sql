-- Up Migration
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);

-- Down Migration
DROP TABLE authors;
