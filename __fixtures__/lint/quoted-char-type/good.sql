-- "char" without a length is PostgreSQL's one-byte type, a deliberate choice; char(3) unquoted is bpchar.
CREATE TABLE currencies (code text PRIMARY KEY, kind "char" NOT NULL, legacy_code char(3));
