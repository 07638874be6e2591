-- previous checksum: DE7FDC46D0B98B252A094C05B91AE6168BB1CF3F56E6266681713EE95A81ABA9
-- An uploaded import keeps the reading options it was started with, so that a resumed job reads its file the same way:
-- the field delimiter (NULL: detected from the header) and the file's encoding.
ALTER TABLE hub_import_jobs ADD COLUMN delimiter TEXT NULL;
ALTER TABLE hub_import_jobs ADD COLUMN encoding TEXT NOT NULL DEFAULT 'utf-8';
-- Rows for a key already imported with other data are counted apart from rejects.
ALTER TABLE hub_import_jobs ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
