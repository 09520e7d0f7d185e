-- Imago's schema, version 1. Every table is prefixed imago_ so that it can share a schema with
-- the host's own tables. Identifiers and names are COLLATE "C": byte order of UTF-8 is code point
-- order, the order of Imago's listings, whatever the database's collation.

-- The schema version this database holds, whoever applied the migrations (ImagoSchema.migrate or
-- the host's own Flyway). A store refuses a database whose version it does not know.
CREATE TABLE imago_schema_info (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL
);
INSERT INTO imago_schema_info (version) VALUES (1);

-- One row per image: the whole record, so that a load and every listed image is one row. Times
-- are epoch seconds and nanoseconds (PostgreSQL's timestamps keep microseconds only). Members,
-- tags and disks are parallel arrays in the record's own order.
CREATE TABLE imago_images (
  id text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL CHECK (version >= 1),
  name text COLLATE "C" NOT NULL,
  description text NOT NULL,
  image_class text NOT NULL,
  image_type text NOT NULL,
  source text NOT NULL,
  status text NOT NULL,
  region text COLLATE "C" NOT NULL,
  owner text COLLATE "C",
  os_type text,
  os_platform text,
  os_version text,
  os_architecture text,
  os_boot_mode text,
  disk_roles text[] NOT NULL,
  disk_sizes integer[] NOT NULL,
  min_disk_gib integer NOT NULL,
  min_ram_mib integer NOT NULL,
  size_bytes bigint NOT NULL,
  server_kinds text[] NOT NULL,
  encryption_key text,
  -- The market listing of a MARKET image (one per image, so kept in its row); the amount as
  -- text keeps a BigDecimal's scale exactly.
  market_published_s bigint,
  market_published_ns integer,
  market_price_amount text,
  market_price_currency text,
  market_price_unit text,
  tag_keys text[] NOT NULL,
  tag_values text[] NOT NULL,
  member_tenants text[] NOT NULL,
  member_statuses text[] NOT NULL,
  member_vaults text[] NOT NULL,
  -- Four numbers a member: created seconds, created nanoseconds, updated seconds, nanoseconds.
  member_times bigint[] NOT NULL,
  deletion_protected boolean NOT NULL,
  origin_image text,
  origin_region text,
  backup text,
  created_s bigint NOT NULL,
  created_ns integer NOT NULL CHECK (created_ns BETWEEN 0 AND 999999999),
  updated_s bigint NOT NULL,
  updated_ns integer NOT NULL CHECK (updated_ns BETWEEN 0 AND 999999999)
);

-- One index for each branch of a listing (own, public, market) in each order; NEWEST_FIRST reads
-- the creation-time index backwards. DELETED images are never listed, so they are left out.
CREATE INDEX imago_images_own_created ON imago_images (owner, region, created_s, created_ns, id)
  WHERE owner IS NOT NULL AND status <> 'DELETED';
CREATE INDEX imago_images_own_name ON imago_images (owner, region, name, id)
  WHERE owner IS NOT NULL AND status <> 'DELETED';
CREATE INDEX imago_images_public_created ON imago_images (region, created_s, created_ns, id)
  WHERE image_class = 'PUBLIC' AND status <> 'DELETED';
CREATE INDEX imago_images_public_name ON imago_images (region, name, id)
  WHERE image_class = 'PUBLIC' AND status <> 'DELETED';
CREATE INDEX imago_images_market_created ON imago_images (region, created_s, created_ns, id)
  WHERE image_class = 'MARKET' AND status <> 'DELETED';
CREATE INDEX imago_images_market_name ON imago_images (region, name, id)
  WHERE image_class = 'MARKET' AND status <> 'DELETED';

-- The shared branch of a listing: one row per member of an image, with the image's region and
-- sort keys copied so that a member's shares of one status are read in listing order from one
-- index. The full membership (vault, times) is in the image's row; the store keeps both equal
-- in the save's transaction.
CREATE TABLE imago_members (
  image_id text COLLATE "C" NOT NULL,
  tenant text COLLATE "C" NOT NULL,
  status text NOT NULL,
  region text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  created_s bigint NOT NULL,
  created_ns integer NOT NULL,
  PRIMARY KEY (image_id, tenant)
);
CREATE INDEX imago_members_created
  ON imago_members (tenant, region, status, created_s, created_ns, image_id);
CREATE INDEX imago_members_name ON imago_members (tenant, region, status, name, image_id);

-- The quota: the images each owner has per region that count (owned and not DELETED), kept in
-- the save's transaction, so that a save checks and takes a place in one conditional update.
CREATE TABLE imago_owned_counts (
  owner text COLLATE "C" NOT NULL,
  region text COLLATE "C" NOT NULL,
  owned bigint NOT NULL CHECK (owned >= 0),
  PRIMARY KEY (owner, region)
);

-- The one event log. Sequence numbers come from the single row of imago_event_head, updated in
-- the save's transaction: its lock is held until commit, so saves with events commit in the
-- order of their numbers and a reader never sees a number before a lower one is visible.
CREATE TABLE imago_event_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_sequence bigint NOT NULL
);
INSERT INTO imago_event_head (last_sequence) VALUES (0);

CREATE TABLE imago_events (
  sequence bigint PRIMARY KEY,
  image_id text COLLATE "C" NOT NULL,
  event_type text NOT NULL,
  actor text,
  member text,
  occurred_s bigint NOT NULL,
  occurred_ns integer NOT NULL,
  detail_keys text[] NOT NULL,
  detail_values text[] NOT NULL
);
