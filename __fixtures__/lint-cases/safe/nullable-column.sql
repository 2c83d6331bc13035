-- safe: a nullable column, with lock_timeout
SET lock_timeout = '3s';
ALTER TABLE couriers ADD COLUMN vehicle_plate text;
