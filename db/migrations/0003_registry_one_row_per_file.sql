-- The datafile registry as dss keeps it, on databases the reference's migrations made: one row
-- per (source, file) and a creation time the server fills in. On databases made by 0001 this
-- changes nothing.

ALTER TABLE operations.datafile_registry
    ALTER COLUMN created_timestamp SET DEFAULT (now() AT TIME ZONE 'utc');

-- The reference could record one file twice. Of the rows of one file the one that says runs skip
-- it (processed, or ignored by an operator) is kept, the newest such, else the newest: its state
-- is what the next run acts on.
DELETE FROM operations.datafile_registry AS registry
USING (
    SELECT id, row_number() OVER (
        PARTITION BY source, file_name
        ORDER BY (state IN ('processed', 'ignored')) DESC, id DESC) AS rank
    FROM operations.datafile_registry
    WHERE file_name IS NOT NULL
) AS ranked
WHERE registry.id = ranked.id AND ranked.rank > 1;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'operations.datafile_registry'::regclass
                     AND conname = 'datafile_registry_source_file_name_key') THEN
        ALTER TABLE operations.datafile_registry
            ADD CONSTRAINT datafile_registry_source_file_name_key UNIQUE (source, file_name);
    END IF;
END $$;
