-- +goose NO TRANSACTION
-- +goose Up
CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);

-- +goose Down
DROP INDEX CONCURRENTLY accounts_email_key;
