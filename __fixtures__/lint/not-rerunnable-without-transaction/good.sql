ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipped_at timestamptz;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_shipped_at_idx ON orders (shipped_at);
-- The last statement: no later failure can leave it applied.
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);
