-- peers: squawk:prefer-bigint-over-int
CREATE TABLE vouchers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text NOT NULL);
