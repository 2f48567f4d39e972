-- A parked record keeps its exact content beside the sanitized jsonb view: the item as JSON with every
-- character outside printable ASCII escaped, so NULs and lone surrogates that Postgres's text and jsonb
-- refuse survive byte for byte. Rows parked before this migration have none.
ALTER TABLE dead_letter ADD COLUMN raw bytea;
