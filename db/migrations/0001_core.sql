-- The schemas and tables every part of dss relies on: Hawk clients, the datafile registry and
-- the uploader's pipelines. Dataset tables belong to later migrations and to the pipelines.

CREATE SCHEMA IF NOT EXISTS public;
CREATE SCHEMA IF NOT EXISTS operations;
CREATE SCHEMA IF NOT EXISTS admin;

-- Machine clients of the data API and the endpoints (scopes) each may call; '*' allows all.
CREATE TABLE public.hawk_users (
    id text PRIMARY KEY,
    key text,
    scope text[],
    description text
);

-- Life of one source file in the ingestion engine, in this order.
CREATE TYPE operations.processing_state AS ENUM ('processing', 'failed', 'processed', 'ignored');

CREATE TABLE operations.datafile_registry (
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
CREATE TABLE public.pipeline (
    id serial PRIMARY KEY,
    organisation text,
    dataset text,
    slug text,
    CONSTRAINT pipeline_organisation_dataset_key UNIQUE (organisation, dataset)
);

CREATE TABLE public.pipeline_data_file (
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
