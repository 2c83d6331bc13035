-- peers: squawk:identifier-too-long
-- PostgreSQL cuts the name to 63 bytes: later migrations naming it in full miss it.
CREATE INDEX CONCURRENTLY parcels_by_depot_and_courier_and_state_and_created_at_for_the_dashboard ON parcels (depot_id, courier_id, state, created_at);
