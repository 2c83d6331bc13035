-- peers: eugene:W14
-- code allows NULL: the primary key sets NOT NULL, scanning the table under ACCESS EXCLUSIVE.
SET lock_timeout = '3s';
ALTER TABLE hubs ADD CONSTRAINT hubs_pkey PRIMARY KEY USING INDEX hubs_code_key;
