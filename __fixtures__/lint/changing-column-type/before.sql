CREATE TABLE notes (id bigint PRIMARY KEY, title varchar(50), body varchar(100));
