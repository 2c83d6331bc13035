CREATE INDEX CONCURRENTLY idx_orders_customer_created_status ON orders (customer_id, created_at, status, shipping_country_code);
