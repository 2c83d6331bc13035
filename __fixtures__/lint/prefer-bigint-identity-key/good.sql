CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric NOT NULL, line_count int NOT NULL);
CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));
CREATE TABLE shipment_parcels (shipment_id bigint NOT NULL, parcel_ids bigint[] NOT NULL, weight_grams int NOT NULL);
