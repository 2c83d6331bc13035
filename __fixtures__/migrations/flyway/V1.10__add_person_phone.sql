ALTER TABLE person ADD COLUMN phone varchar(40);
