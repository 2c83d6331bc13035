UPDATE accounts SET status = 'closed', closed_at = now() WHERE closed_at IS NULL AND deleted;
-- Different elements of one array column may be set in one statement.
UPDATE accounts SET limits[1] = 10, limits[2] = 20 WHERE plan = 'basic';
CREATE VIEW account_owners AS SELECT a.id AS account_id, u.id AS user_id FROM accounts a JOIN users u ON u.id = a.owner_id;
