-- peers: squawk:ban-create-domain-with-constraint
CREATE DOMAIN postcode AS text CHECK (VALUE ~ '^[0-9]{4}[A-Z]{2}$');
