ALTER TABLE webhooks ADD COLUMN payload jsonb;
