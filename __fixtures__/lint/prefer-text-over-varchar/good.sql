ALTER TABLE users ADD COLUMN nickname text CHECK (char_length(nickname) <= 30);
