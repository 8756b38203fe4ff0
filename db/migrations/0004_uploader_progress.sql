-- Staff uploads (uploader.md): what the verify step decided, and progress while processing.
-- column_types holds the confirmed [name, type] pairs as a two-dimensional text array.
ALTER TABLE public.pipeline_data_file
    ADD COLUMN IF NOT EXISTS original_file_name text,
    ADD COLUMN IF NOT EXISTS encoding text,
    ADD COLUMN IF NOT EXISTS bytes_read bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS rows_loaded bigint NOT NULL DEFAULT 0,
    -- Written about once a second while a worker processes the file: a processing row whose
    -- heartbeat stopped was interrupted (a restart, a crash), and is marked failed.
    ADD COLUMN IF NOT EXISTS heartbeat_at timestamp,
    -- When this version became the content of L0 (in the swap's own transaction): the current
    -- version is the one loaded last, whatever data-flow made of it afterwards.
    ADD COLUMN IF NOT EXISTS loaded_at timestamp;

CREATE INDEX IF NOT EXISTS pipeline_data_file_pipeline_id_idx
    ON public.pipeline_data_file (pipeline_id);
-- Not unique: the reference's slugs could collide ("a_b" "c" and "a" "b_c"); dss picks a free one.
CREATE INDEX IF NOT EXISTS pipeline_slug_idx ON public.pipeline (slug);
