-- safe: DROP INDEX CONCURRENTLY alone in its migration
DROP INDEX CONCURRENTLY parcels_legacy_barcode_idx;
