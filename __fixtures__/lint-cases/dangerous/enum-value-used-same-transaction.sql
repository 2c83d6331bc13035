-- peers: none
-- The new value cannot be used before the transaction that added it commits.
ALTER TYPE parcel_state ADD VALUE 'held_at_customs';
UPDATE parcels SET state = 'held_at_customs' WHERE customs_hold;
