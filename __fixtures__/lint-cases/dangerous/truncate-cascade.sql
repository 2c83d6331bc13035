-- peers: squawk:ban-truncate-cascade
TRUNCATE depots CASCADE;
