ALTER TABLE webhooks ADD COLUMN payload json;
