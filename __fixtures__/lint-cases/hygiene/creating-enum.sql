-- peers: eugene:W13
CREATE TYPE vehicle_kind AS ENUM ('bike', 'van', 'truck');
