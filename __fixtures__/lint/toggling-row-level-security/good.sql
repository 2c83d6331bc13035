CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant text NOT NULL);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_tenant ON invoices USING (tenant = current_setting('app.tenant'));
-- The policy came in an earlier migration.
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
