CREATE TABLE comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  body text NOT NULL
);
CREATE INDEX comments_post_id_idx ON comments (post_id);
-- The key's columns lead the primary key's index.
CREATE TABLE post_tags (
  post_id bigint NOT NULL REFERENCES posts (id),
  tag text NOT NULL,
  PRIMARY KEY (post_id, tag)
);
