ALTER TABLE users ADD COLUMN country text NOT NULL DEFAULT 'unknown';
ALTER TABLE users ADD COLUMN region text;
