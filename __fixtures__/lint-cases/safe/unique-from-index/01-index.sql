-- safe: the unique index built concurrently first
CREATE UNIQUE INDEX CONCURRENTLY couriers_email_key ON couriers (email);
