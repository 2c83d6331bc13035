ALTER TABLE person ADD COLUMN email varchar(200);
