-- peers: squawk:ban-drop-database
DROP DATABASE logistics_staging;
