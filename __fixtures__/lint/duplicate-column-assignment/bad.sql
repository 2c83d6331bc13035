UPDATE accounts SET status = 'closed', closed_at = now(), status = 'archived' WHERE closed_at IS NULL AND deleted;
