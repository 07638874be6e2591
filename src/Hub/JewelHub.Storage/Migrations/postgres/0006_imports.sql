-- Bulk imports of legacy CSV files. A job is one file imported with one map; last_row is the last CSV row whose batch
-- committed, updated in the same transaction as the batch, so a re-run of the same file and map continues after it.
CREATE SCHEMA IF NOT EXISTS hub;

CREATE TABLE hub.import_jobs (
    id text PRIMARY KEY,
    entity text NOT NULL,
    map_id text NOT NULL,
    file_name text NOT NULL,
    file_path text NOT NULL,
    file_sha256 text NOT NULL,
    status text NOT NULL CHECK (status IN ('Queued', 'Running', 'Completed', 'Failed')),
    live_effects boolean NOT NULL,
    last_row bigint NOT NULL,
    total_rows bigint NULL,
    rows_read bigint NOT NULL,
    inserted bigint NOT NULL,
    updated bigint NOT NULL,
    merged bigint NOT NULL,
    unchanged bigint NOT NULL,
    rejected bigint NOT NULL,
    error text NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz NULL
);
CREATE INDEX ix_hub_import_jobs_file ON hub.import_jobs (entity, map_id, file_sha256, created_at);

-- Every rejected row: the original CSV text unchanged, its row number, the column(s) and a plain reason.
CREATE TABLE hub.import_rejects (
    job_id text NOT NULL REFERENCES hub.import_jobs (id),
    row_number bigint NOT NULL,
    column_name text NOT NULL,
    reason text NOT NULL,
    raw text NOT NULL,
    PRIMARY KEY (job_id, row_number)
);

-- The merge report: a row whose legacy id was new but whose phone or e-mail matched an existing customer.
CREATE TABLE hub.import_merges (
    job_id text NOT NULL REFERENCES hub.import_jobs (id),
    row_number bigint NOT NULL,
    external_id text NOT NULL,
    customer_id text NOT NULL,
    matched_on text NOT NULL,
    PRIMARY KEY (job_id, row_number)
);
