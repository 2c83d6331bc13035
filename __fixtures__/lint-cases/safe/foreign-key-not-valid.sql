-- safe: foreign key added NOT VALID, with lock_timeout
SET lock_timeout = '3s';
ALTER TABLE parcels ADD CONSTRAINT parcels_courier_fk FOREIGN KEY (courier_id) REFERENCES couriers (id) NOT VALID;
