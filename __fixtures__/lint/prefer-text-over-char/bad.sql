CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE currencies (code "char"(3) PRIMARY KEY, symbol "character"(1) NOT NULL);
