-- safe: the primary key adopts it; zone_code is already NOT NULL
SET lock_timeout = '3s';
ALTER TABLE tariffs ADD CONSTRAINT tariffs_pkey PRIMARY KEY USING INDEX tariffs_zone_code_key;
