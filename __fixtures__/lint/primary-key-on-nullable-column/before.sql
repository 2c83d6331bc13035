CREATE TABLE devices (serial_number text, label text);
CREATE TABLE sensors (code text, label text);
ALTER TABLE sensors ADD CONSTRAINT sensors_code_not_null CHECK (code IS NOT NULL) NOT VALID;
