-- peers: squawk:prefer-robust-stmts
-- Row level security off: every role granted the table reads every tenant's invoices.
SET lock_timeout = '3s';
ALTER TABLE IF EXISTS invoices DISABLE ROW LEVEL SECURITY;
