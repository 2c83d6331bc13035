CREATE TABLE tariffs (zone_code text NOT NULL, price_cents bigint NOT NULL);
