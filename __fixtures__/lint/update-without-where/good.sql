UPDATE users SET newsletter = false WHERE unsubscribed_at IS NOT NULL;
