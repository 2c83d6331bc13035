-- +goose Up
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    email text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE accounts;
