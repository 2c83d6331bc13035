-- peers: eugene:E15
-- Deleting a route scans every stop for references.
CREATE TABLE route_stops (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  route_id bigint NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  position int NOT NULL
);
