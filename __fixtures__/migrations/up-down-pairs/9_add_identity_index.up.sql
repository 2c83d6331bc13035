-- migrate:no-transaction
CREATE INDEX CONCURRENTLY identities_account_id_idx ON identities (account_id);
