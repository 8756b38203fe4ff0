-- The schemas and tables every part of dss relies on: Hawk clients, the datafile registry and
-- the uploader's pipelines. Dataset tables belong to later migrations and to the pipelines.
-- Every statement leaves an existing object alone, so that a database the reference's Alembic
-- migrations made is adopted as it is (0003 then brings it in line).
-- supersedes checksum: e50b9dd38057594282a5ee27c4405fe3a3cdaea41a66c880922e7d87f2489aad

CREATE SCHEMA IF NOT EXISTS public;
CREATE SCHEMA IF NOT EXISTS operations;
CREATE SCHEMA IF NOT EXISTS admin;

-- Machine clients of the data API and the endpoints (scopes) each may call; '*' allows all.
CREATE TABLE IF NOT EXISTS public.hawk_users (
    id text PRIMARY KEY,
    key text,
    scope text[],
    description text
);

-- Life of one source file in the ingestion engine, in this order.
DO $$
BEGIN
    CREATE TYPE operations.processing_state AS ENUM ('processing', 'failed', 'processed', 'ignored');
EXCEPTION WHEN duplicate_object THEN
    NULL;
END $$;

CREATE TABLE IF NOT EXISTS operations.datafile_registry (
    id serial PRIMARY KEY,
    source text NOT NULL,
    -- Path inside the pipeline's folder; NULL for runs without files (the tariff transform).
    file_name text,
    state operations.processing_state NOT NULL,
    error_message text,
    created_timestamp timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    updated_timestamp timestamp,
    -- The reference had no such constraint and could record one file twice.
    CONSTRAINT datafile_registry_source_file_name_key UNIQUE (source, file_name)
);

-- Staff uploads: one pipeline per (organisation, dataset), one row per uploaded file version.
CREATE TABLE IF NOT EXISTS public.pipeline (
    id serial PRIMARY KEY,
    organisation text,
    dataset text,
    slug text,
    CONSTRAINT pipeline_organisation_dataset_key UNIQUE (organisation, dataset)
);

CREATE TABLE IF NOT EXISTS public.pipeline_data_file (
    id uuid PRIMARY KEY,
    data_file_url text NOT NULL,
    pipeline_id integer REFERENCES public.pipeline (id),
    state text,
    error_message text,
    uploaded_at timestamp,
    started_processing_at timestamp,
    processed_at timestamp,
    column_types text[],
    delimiter text NOT NULL DEFAULT ',',
    quote text DEFAULT '"'
);
