-- The example's own table, beside Imago's (which image-jdbc-store's migrations create): where the
-- outbox relay has got to in Imago's event log, one row per destination.
CREATE TABLE IF NOT EXISTS outbox_checkpoint (
  name text PRIMARY KEY,
  last_sequence bigint NOT NULL CHECK (last_sequence >= 0)
);
