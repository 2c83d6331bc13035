DROP INDEX shelves_label_idx;
