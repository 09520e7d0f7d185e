-- Imago's schema, version 2: retiring images. An image's retirement schedule (rules
-- DEPRECATE_SCHEDULE, DEPRECATE_REPLACEMENT, USE_DEPRECATED, USE_OBSOLETE), its family (FAMILY_NAME,
-- FAMILY_LATEST) and its place in its owner's recycle bin (RECYCLE_RETENTION, RECYCLE_RESTORE),
-- kept in the image's row like the rest of the record.
--
-- It upgrades a populated version-1 database in place and quickly: Flyway runs it in one
-- transaction, and every statement but the two index builds only changes the catalog. Its ALTER
-- TABLE waits for the transactions that are using imago_images to end, and holds up the ones that
-- start meanwhile, until the migration commits.
-- - ADD COLUMN without a default is metadata-only: no row is rewritten, and every existing image
--   reads as not being retired (NULL).
-- - The CHECKs are added NOT VALID: PostgreSQL would otherwise scan the whole table to prove them,
--   under the ACCESS EXCLUSIVE lock that the ALTER TABLE takes and holds to the commit. There is
--   nothing to prove: every existing row holds NULL in the new columns, which passes each check.
--   Every row inserted or updated from now on is checked all the same; NOT VALID only means that
--   the catalog has not been told so (pg_constraint.convalidated), and no query of Imago's relies
--   on it.
-- - The two new indexes (family, purge) are partial, over rows an upgraded database does not
--   have yet (no family, nothing RECYCLED): building each reads the table once, under the lock,
--   and writes nothing.
-- - No change of the listing indexes. The listing's shared branch needs no copy of the schedule
--   in imago_members: it joins every member row it reads to the image's row already (for the
--   status and the filters), and the deprecation filter is one more condition there. The public and market
--   branches now read each candidate's row as well (an index scan instead of an index-only scan);
--   adding the deprecation columns to their indexes (INCLUDE) would keep them index-only, but
--   building an index here would hold the ALTER TABLE's ACCESS EXCLUSIVE lock, which stops every
--   read and write of the images, for as long as the build reads the whole table. Such an index
--   belongs in a migration of its own, built CONCURRENTLY, if the listing's figures ask for it.
--
-- Measured on 1M images (605 MB, embedded PostgreSQL 17 on 2 busy cores): ImagoSchema.migrate
-- from version 1 took 0.2 to 0.4 s, Flyway included, and left the table's file as it was (no
-- rewrite). A validated CHECK would have added a 0.7 s scan, and each public index rebuilt with
-- INCLUDE 0.4 to 0.5 s, all under the lock. A first page's public branch now reads its
-- candidates' rows: 472 buffer hits for the page instead of 418, no difference in time above
-- the noise (0.4 to 0.7 ms either way).

-- When the image becomes deprecated, and obsolete (epoch seconds and nanoseconds, as every time
-- of the record), and the image to use instead. NULL: not retired, no obsolete time, no
-- replacement.
ALTER TABLE imago_images
  ADD COLUMN deprecated_s bigint,
  ADD COLUMN deprecated_ns integer,
  ADD COLUMN obsolete_s bigint,
  ADD COLUMN obsolete_ns integer,
  ADD COLUMN replacement text COLLATE "C",
  ADD CONSTRAINT imago_images_deprecated_time
    CHECK ((deprecated_s IS NULL) = (deprecated_ns IS NULL)
      AND deprecated_ns BETWEEN 0 AND 999999999) NOT VALID,
  ADD CONSTRAINT imago_images_obsolete_time
    CHECK ((obsolete_s IS NULL) = (obsolete_ns IS NULL)
      AND obsolete_ns BETWEEN 0 AND 999999999) NOT VALID,
  -- An obsolete time and a replacement belong to a deprecation; an image is obsolete no sooner
  -- than deprecated, and replaced by another image.
  ADD CONSTRAINT imago_images_obsolete_after_deprecated
    CHECK (obsolete_s IS NULL OR (deprecated_s IS NOT NULL
      AND (obsolete_s, obsolete_ns) >= (deprecated_s, deprecated_ns))) NOT VALID,
  ADD CONSTRAINT imago_images_replacement
    CHECK (replacement IS NULL OR (deprecated_s IS NOT NULL AND replacement <> id)) NOT VALID;

-- The family of its owner (of the platform: a PUBLIC image) an image belongs to, and whether
-- resolving the family skips it. A constant default is metadata-only as well (PostgreSQL 11 and
-- later): existing rows read false without being rewritten.
ALTER TABLE imago_images
  ADD COLUMN family text COLLATE "C",
  ADD COLUMN excluded_from_latest boolean NOT NULL DEFAULT false,
  -- A RECYCLED image's deletion and purge times and the status it comes back with; NULL for an
  -- image in use or DELETED.
  ADD COLUMN recycled_s bigint,
  ADD COLUMN recycled_ns integer,
  ADD COLUMN purge_s bigint,
  ADD COLUMN purge_ns integer,
  ADD COLUMN status_before text,
  ADD CONSTRAINT imago_images_recycling
    CHECK ((status = 'RECYCLED') = (recycled_s IS NOT NULL)
      AND (recycled_s IS NULL) = (purge_s IS NULL)
      AND (recycled_s IS NULL) = (status_before IS NULL)
      AND recycled_ns BETWEEN 0 AND 999999999 AND purge_ns BETWEEN 0 AND 999999999) NOT VALID;

-- Resolving a family to its latest image, and listing a family, read one owner's family of a
-- region newest first from here (owner IS NULL: a platform family); the other branches' indexes
-- would read every image of the owner, or of the region, to find the family's. The images of no
-- family are left out, which is all of them in a database upgraded from version 1.
CREATE INDEX imago_images_family ON imago_images
  (owner, region, family, created_s, created_ns, id)
  WHERE family IS NOT NULL AND status <> 'DELETED' AND status <> 'RECYCLED';

-- Purging reads the expired images of every recycle bin, the earliest purge time first.
CREATE INDEX imago_images_purge ON imago_images (purge_s, purge_ns, id)
  WHERE status = 'RECYCLED';

UPDATE imago_schema_info SET version = 2;
