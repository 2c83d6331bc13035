ALTER TABLE shelves ADD COLUMN floor int;
