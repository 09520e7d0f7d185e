-- A host's own table, migrated by the host's own Flyway in the same schema as Imago's.
CREATE TABLE host_orders (id bigint PRIMARY KEY, image_id text NOT NULL);
