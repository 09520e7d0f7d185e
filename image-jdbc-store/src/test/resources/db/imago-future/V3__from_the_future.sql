-- A migration of a later Imago, as a newer jar on another host would have applied it.
ALTER TABLE imago_images ADD COLUMN architecture_family text;
UPDATE imago_schema_info SET version = 3;
