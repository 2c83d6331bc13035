-- +goose Up
ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'active';

-- +goose Down
ALTER TABLE accounts DROP COLUMN status;
