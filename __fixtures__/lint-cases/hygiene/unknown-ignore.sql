-- peers: squawk:unused-ignore
-- squawk-ignore ban-drop-tabel
-- pg-migration-gate:ignore drop-tabel
SELECT 1;
