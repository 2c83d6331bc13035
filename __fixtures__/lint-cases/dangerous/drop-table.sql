-- peers: squawk:ban-drop-table
DROP TABLE legacy_routes;
