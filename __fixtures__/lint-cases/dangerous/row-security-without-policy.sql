-- peers: squawk:prefer-robust-stmts
-- Row level security on, and no policy: the application's role sees no parcel and can insert none.
SET lock_timeout = '3s';
ALTER TABLE parcels ENABLE ROW LEVEL SECURITY;
