CREATE TABLE countries (code text PRIMARY KEY CHECK (char_length(code) = 2), name text NOT NULL);
-- "char" without a length is PostgreSQL's one-byte type, a deliberate choice.
CREATE TABLE currencies (code text PRIMARY KEY, kind "char" NOT NULL);
