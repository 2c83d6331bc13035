-- safe: the key's index built concurrently
CREATE UNIQUE INDEX CONCURRENTLY tariffs_zone_code_key ON tariffs (zone_code);
