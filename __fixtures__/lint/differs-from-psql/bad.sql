-- Backfill in batches, committing each one
DO $$
DECLARE n bigint;
BEGIN
  LOOP
    UPDATE orders SET total_cents = total * 100 WHERE id IN (SELECT id FROM orders WHERE total_cents IS NULL LIMIT 5000);
    GET DIAGNOSTICS n = ROW_COUNT;
    EXIT WHEN n = 0;
    COMMIT;
  END LOOP;
END $$;
