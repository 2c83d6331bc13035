CREATE TABLE shelves (id serial PRIMARY KEY, label text NOT NULL);
