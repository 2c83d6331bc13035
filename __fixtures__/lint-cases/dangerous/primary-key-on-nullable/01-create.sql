CREATE TABLE hubs (code text, city text NOT NULL);
