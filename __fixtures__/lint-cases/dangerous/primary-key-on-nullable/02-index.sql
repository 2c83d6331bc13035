CREATE UNIQUE INDEX CONCURRENTLY hubs_code_key ON hubs (code);
