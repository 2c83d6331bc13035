-- peers: squawk:prefer-identity
CREATE TABLE carriers (id bigserial PRIMARY KEY, name text NOT NULL);
