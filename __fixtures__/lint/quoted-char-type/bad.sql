CREATE TABLE currencies (code "char"(3) PRIMARY KEY);
ALTER TABLE currencies ADD COLUMN symbol "character"(1);
