CREATE UNIQUE INDEX CONCURRENTLY devices_serial_number_key ON devices (serial_number);
ALTER TABLE devices ADD CONSTRAINT devices_pkey PRIMARY KEY USING INDEX devices_serial_number_key;
