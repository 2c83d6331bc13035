-- peers: squawk:ban-duplicate-column-assignments
-- Two unnamed expressions both get the name ?column?, so PostgreSQL refuses the view: the migration can never run.
CREATE VIEW order_totals AS SELECT o.id, o.subtotal + o.tax, o.subtotal - o.discount FROM orders o;
