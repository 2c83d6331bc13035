ALTER TABLE accounts ADD COLUMN email text;
