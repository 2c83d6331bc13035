-- safe: validated without blocking writes
ALTER TABLE customers VALIDATE CONSTRAINT customers_email_present;
