REINDEX TABLE users;
REINDEX (CONCURRENTLY false) INDEX users_email_idx;
