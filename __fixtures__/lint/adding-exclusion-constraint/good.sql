CREATE TABLE desk_bookings (
  desk_id bigint NOT NULL,
  during tstzrange NOT NULL,
  CONSTRAINT desk_bookings_no_overlap EXCLUDE USING gist (desk_id WITH =, during WITH &&)
);
