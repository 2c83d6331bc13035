CREATE TABLE invoices (id serial PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id));
CREATE TABLE shipment_parcels (shipment_id int NOT NULL, parcel_ids smallint[] NOT NULL);
