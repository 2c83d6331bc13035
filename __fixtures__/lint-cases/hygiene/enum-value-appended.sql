-- peers: squawk:require-enum-value-ordering
ALTER TYPE parcel_state ADD VALUE 'awaiting_pickup';
