ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- A new column without a default holds only NULLs: PostgreSQL skips checking its foreign key.
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
