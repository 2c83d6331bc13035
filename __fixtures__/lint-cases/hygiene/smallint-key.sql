-- peers: squawk:prefer-bigint-over-smallint
CREATE TABLE zones (id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL);
