-- Every projection the projector has met, and whether the live read model serves it. A projection
-- registered on a read model that already has history starts 'backfilling': the live consumer leaves its
-- tables alone while a rebuild of that projection alone fills them from the events table, verifies them
-- and switches them in; then it is 'live'.
CREATE TABLE projections (
    name  text        PRIMARY KEY,
    state text        NOT NULL CHECK (state IN ('live', 'backfilling')),
    since timestamptz NOT NULL DEFAULT now()
);

-- A rebuild of one projection names it; the whole read model's names none.
ALTER TABLE rebuilds ADD COLUMN projection text;
-- At most one build of a projection at a time, however many projectors start it.
CREATE UNIQUE INDEX rebuilds_one_building_per_projection ON rebuilds (coalesce(projection, '')) WHERE state = 'building';
