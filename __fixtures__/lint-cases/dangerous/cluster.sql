-- peers: squawk:prefer-repack eugene:E10
CLUSTER parcels USING parcels_created_at_idx;
