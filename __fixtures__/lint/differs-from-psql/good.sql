-- Backfill in one transaction
DO $$
BEGIN
  UPDATE orders SET total_cents = total * 100 WHERE total_cents IS NULL;
END $$;
