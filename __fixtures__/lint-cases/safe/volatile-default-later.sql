-- safe: the column first, the volatile default for new rows only
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN public_id uuid;
ALTER TABLE parcels ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
