-- peers: squawk:ban-alter-domain-with-add-constraint
-- Every column of the domain, in every table, is checked while writes wait.
SET lock_timeout = '3s';
ALTER DOMAIN weight_grams ADD CONSTRAINT weight_grams_cap CHECK (VALUE < 1000000);
