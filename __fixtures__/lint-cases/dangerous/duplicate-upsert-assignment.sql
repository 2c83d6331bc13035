-- peers: squawk:ban-duplicate-column-assignments
-- PostgreSQL refuses the upsert (a column set twice in DO UPDATE SET): the migration can never run.
INSERT INTO stock_levels (sku, warehouse, on_hand) SELECT sku, 'main', 0 FROM products
ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = stock_levels.on_hand, on_hand = 0;
