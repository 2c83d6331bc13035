CREATE INDEX shelves_label_idx ON shelves (label);
