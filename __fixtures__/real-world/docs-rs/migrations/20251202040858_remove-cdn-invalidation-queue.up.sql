DROP TABLE cdn_invalidation_queue;
