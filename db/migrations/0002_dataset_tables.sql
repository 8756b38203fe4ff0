-- Dataset tables that the data API reads and the ingestion pipelines write, so the API works on an
-- empty database. Names, column types and column order follow the reference (pipelines.md 1 and 3).
--
-- Helper columns, always before the data columns:
--   L0 incremental: id, datafile_created
--   L0 snapshot:    id, datafile_created, datafile_updated, data_hash, UNIQUE (data_hash)
--   L1:             id, data_source_row_id, UNIQUE (data_source_row_id)
-- The reference's incremental L0 took its id from a "L0_SEQUENCE" default. The sequence name is not
-- part of any contract, so id is a plain serial here: the same integer type and place, and the
-- pipelines should take ids from the column default (which also works on databases whose L0 the
-- reference created). IF NOT EXISTS keeps tables that the reference or the pipelines already made.

-- ONS Postcode Directory (3.1): L1 incremental.
CREATE SCHEMA IF NOT EXISTS "ons.postcode_directory";

CREATE TABLE IF NOT EXISTS "ons.postcode_directory"."L0" (
    id serial PRIMARY KEY,
    datafile_created text,
    pcd text,
    pcd2 text,
    pcds text,
    dointr text,
    doterm text,
    oscty text,
    ced text,
    oslaua text,
    osward text,
    parish text,
    usertype text,
    oseast1m text,
    osnrth1m text,
    osgrdind text,
    oshlthau text,
    nhser text,
    ctry text,
    rgn text,
    streg text,
    pcon text,
    eer text,
    teclec text,
    ttwa text,
    pct text,
    nuts text,
    statsward text,
    oa01 text,
    casward text,
    park text,
    lsoa01 text,
    msoa01 text,
    ur01ind text,
    oac01 text,
    oa11 text,
    lsoa11 text,
    msoa11 text,
    wz11 text,
    ccg text,
    bua11 text,
    buasd11 text,
    ru11ind text,
    oac11 text,
    lat text,
    long text,
    lep1 text,
    lep2 text,
    pfa text,
    imd text,
    calncv text,
    stp text
);

-- The pipeline's own L1 had no UNIQUE on data_source_row_id, but the reference migration's did and
-- won (4.4). Each L1 row comes from exactly one L0 row, so it holds.
CREATE TABLE IF NOT EXISTS "ons.postcode_directory"."L1" (
    id serial PRIMARY KEY,
    data_source_row_id int,
    pcd text,
    pcd2 text,
    pcds text,
    dointr date,
    doterm date,
    oscty text,
    ced text,
    oslaua text,
    osward text,
    parish text,
    usertype text,
    oseast1m text,
    osnrth1m text,
    osgrdind text,
    oshlthau text,
    nhser text,
    ctry text,
    rgn text,
    streg text,
    pcon text,
    eer text,
    teclec text,
    ttwa text,
    pct text,
    nuts text,
    statsward text,
    oa01 text,
    casward text,
    park text,
    lsoa01 text,
    msoa01 text,
    ur01ind text,
    oac01 text,
    oa11 text,
    lsoa11 text,
    msoa11 text,
    wz11 text,
    ccg text,
    bua11 text,
    buasd11 text,
    ru11ind text,
    oac11 text,
    lat text,
    long text,
    lep1 text,
    lep2 text,
    pfa text,
    imd text,
    calncv text,
    stp text,
    -- Last: the reference added it in a later migration.
    publication_date date,
    CONSTRAINT "L1_data_source_row_id_key" UNIQUE (data_source_row_id)
);

CREATE INDEX IF NOT EXISTS "ix_ons_postcode_directory_L1_pcds"
    ON "ons.postcode_directory"."L1" (pcds);

-- DIT reference postcodes (3.2): L1 snapshot.
CREATE SCHEMA IF NOT EXISTS "dit.reference_postcodes";

CREATE TABLE IF NOT EXISTS "dit.reference_postcodes"."L0" (
    id serial PRIMARY KEY,
    datafile_created text,
    datafile_updated text,
    data_hash text,
    postcode text,
    local_authority_district_code text,
    local_authority_district_name text,
    local_enterprise_partnership_lep1_code text,
    local_enterprise_partnership_lep1_name text,
    local_enterprise_partnership_lep2_code text,
    local_enterprise_partnership_lep2_name text,
    region_code text,
    region_name text,
    national_grid_ref_easting text,
    national_grid_ref_northing text,
    date_of_introduction date,
    date_of_termination date,
    -- The snapshot load's ON CONFLICT (data_hash) needs it.
    CONSTRAINT "L0_data_hash_key" UNIQUE (data_hash)
);

CREATE TABLE IF NOT EXISTS "dit.reference_postcodes"."L1" (
    id serial PRIMARY KEY,
    data_source_row_id int,
    postcode text,
    local_authority_district_code text,
    local_authority_district_name text,
    local_enterprise_partnership_lep1_code text,
    local_enterprise_partnership_lep1_name text,
    local_enterprise_partnership_lep2_code text,
    local_enterprise_partnership_lep2_name text,
    region_code text,
    region_name text,
    national_grid_ref_easting text,
    national_grid_ref_northing text,
    date_of_introduction date,
    date_of_termination date,
    CONSTRAINT "L1_data_source_row_id_key" UNIQUE (data_source_row_id)
);

-- The postcode lookup matches ignoring case and all spaces. Its WHERE clause must use exactly this
-- expression for the planner to pick the index (the reference scanned the whole table).
CREATE INDEX IF NOT EXISTS "ix_dit_reference_postcodes_L1_postcode_normalised"
    ON "dit.reference_postcodes"."L1" (lower(replace(postcode, ' ', '')));

-- DIT BACI (3.3): L1 incremental.
CREATE SCHEMA IF NOT EXISTS "dit.baci";

CREATE TABLE IF NOT EXISTS "dit.baci"."L0" (
    id serial PRIMARY KEY,
    datafile_created text,
    t integer,
    hs6 integer,
    i integer,
    j integer,
    v numeric,
    q numeric
);

CREATE TABLE IF NOT EXISTS "dit.baci"."L1" (
    id serial PRIMARY KEY,
    data_source_row_id int,
    year integer,
    product_category integer,
    exporter integer,
    importer integer,
    trade_flow_value numeric,
    quantity numeric,
    CONSTRAINT "L1_data_source_row_id_key" UNIQUE (data_source_row_id)
);

-- World Bank bound rates (3.6): L1 snapshot.
CREATE SCHEMA IF NOT EXISTS "world_bank.bound_rates";

CREATE TABLE IF NOT EXISTS "world_bank.bound_rates"."L0" (
    id serial PRIMARY KEY,
    datafile_created text,
    datafile_updated text,
    data_hash text,
    nomen_code text,
    reporter integer,
    product integer,
    bound_rate numeric,
    total_number_of_lines integer,
    CONSTRAINT "L0_data_hash_key" UNIQUE (data_hash)
);

CREATE TABLE IF NOT EXISTS "world_bank.bound_rates"."L1" (
    id serial PRIMARY KEY,
    data_source_row_id int,
    reporter integer,
    product integer,
    bound_rate numeric,
    CONSTRAINT "L1_data_source_row_id_key" UNIQUE (data_source_row_id)
);

CREATE INDEX IF NOT EXISTS "ix_world_bank_bound_rates_L1_reporter"
    ON "world_bank.bound_rates"."L1" (reporter);
CREATE INDEX IF NOT EXISTS "ix_world_bank_bound_rates_L1_product"
    ON "world_bank.bound_rates"."L1" (product);

-- World Bank tariff (3.7): raw file rows, L0 only.
CREATE SCHEMA IF NOT EXISTS "world_bank.tariff";

CREATE TABLE IF NOT EXISTS "world_bank.tariff"."L0" (
    id serial PRIMARY KEY,
    datafile_created text,
    reporter integer,
    year integer,
    product integer,
    partner integer,
    duty_type text,
    simple_average numeric,
    number_of_total_lines integer
);

-- The transform's output (3.8), not the reference migration's older L1: the transform replaces L1
-- with this shape (bigserial id, no data_source_row_id), and the API serves these columns.
CREATE TABLE IF NOT EXISTS "world_bank.tariff"."L1" (
    id bigserial PRIMARY KEY,
    product integer,
    reporter integer,
    partner integer,
    year integer,
    assumed_tariff numeric,
    app_rate numeric,
    mfn_rate numeric,
    bnd_rate numeric,
    eu_rep_rate numeric,
    eu_part_rate numeric,
    eu_eu_rate numeric,
    world_average numeric
);

-- Hash indexes under the reference's names. The transform must rebuild them on every swap.
CREATE INDEX IF NOT EXISTS "L1_product_idx" ON "world_bank.tariff"."L1" USING hash (product);
CREATE INDEX IF NOT EXISTS "L1_reporter_idx" ON "world_bank.tariff"."L1" USING hash (reporter);
CREATE INDEX IF NOT EXISTS "L1_partner_idx" ON "world_bank.tariff"."L1" USING hash (partner);
CREATE INDEX IF NOT EXISTS "L1_year_idx" ON "world_bank.tariff"."L1" USING hash (year);
