DELETE FROM person WHERE id IN (1, 2);
