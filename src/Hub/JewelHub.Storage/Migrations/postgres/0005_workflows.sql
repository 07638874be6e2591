-- Workflow runtime. Definitions are versioned as Elsa versions them: one row per version, at most one latest and
-- at most one published version per definition id; an instance stays on the version it started on.
CREATE SCHEMA IF NOT EXISTS hub;

CREATE TABLE hub.workflow_definitions (
    id text PRIMARY KEY,
    definition_id text NOT NULL,
    version integer NOT NULL,
    name text NULL,
    description text NULL,
    is_latest boolean NOT NULL,
    is_published boolean NOT NULL,
    content_hash text NOT NULL,
    model text NOT NULL,
    origin text NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (definition_id, version)
);
CREATE UNIQUE INDEX ux_workflow_definitions_latest ON hub.workflow_definitions (definition_id) WHERE is_latest;
CREATE UNIQUE INDEX ux_workflow_definitions_published ON hub.workflow_definitions (definition_id) WHERE is_published;

-- Which event types start which definition versions (trigger activities with canStartWorkflow).
CREATE TABLE hub.workflow_triggers (
    version_id text NOT NULL REFERENCES hub.workflow_definitions (id) ON DELETE CASCADE,
    activity_id text NOT NULL,
    event_type text NOT NULL,
    PRIMARY KEY (version_id, activity_id)
);
CREATE INDEX ix_workflow_triggers_type ON hub.workflow_triggers (event_type);

-- lease_id fences the runner: every commit of a run requires the lease it claimed, so a runner that lost its lease
-- (the recovery loop took over an expired one) can no longer write.
CREATE TABLE hub.workflow_instances (
    id text PRIMARY KEY,
    definition_id text NOT NULL,
    definition_version_id text NOT NULL REFERENCES hub.workflow_definitions (id),
    version integer NOT NULL,
    name text NULL,
    status text NOT NULL,
    correlation_id text NULL,
    variables text NOT NULL,
    state text NOT NULL,
    trigger_event text NULL,
    lease_id text NULL,
    lease_until timestamptz NULL,
    incident_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz NULL
);
CREATE INDEX ix_workflow_instances_status ON hub.workflow_instances (status, lease_until);
CREATE INDEX ix_workflow_instances_definition ON hub.workflow_instances (definition_id, created_at);

CREATE TABLE hub.workflow_bookmarks (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES hub.workflow_instances (id),
    activity_execution_id text NOT NULL,
    activity_id text NOT NULL,
    name text NOT NULL,
    correlation text NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (instance_id, activity_execution_id, name, correlation)
);
CREATE INDEX ix_workflow_bookmarks_match ON hub.workflow_bookmarks (name, correlation);

CREATE TABLE hub.workflow_timers (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES hub.workflow_instances (id),
    activity_execution_id text NOT NULL,
    bookmark_id text NOT NULL,
    due_at timestamptz NOT NULL,
    fired boolean NOT NULL
);
CREATE INDEX ix_workflow_timers_due ON hub.workflow_timers (fired, due_at);

CREATE TABLE hub.workflow_journal (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text NOT NULL,
    activity_execution_id text NULL,
    activity_id text NULL,
    node_id text NULL,
    activity_type text NULL,
    event_name text NOT NULL,
    outcome text NULL,
    payload text NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_workflow_journal_instance ON hub.workflow_journal (instance_id, seq);

CREATE TABLE hub.workflow_activity_executions (
    id text PRIMARY KEY,
    instance_id text NOT NULL,
    activity_id text NOT NULL,
    node_id text NOT NULL,
    activity_type text NOT NULL,
    status text NOT NULL,
    inputs text NULL,
    outputs text NULL,
    outcome text NULL,
    exception text NULL,
    started_at timestamptz NOT NULL,
    completed_at timestamptz NULL
);
CREATE INDEX ix_workflow_activity_executions_instance ON hub.workflow_activity_executions (instance_id, started_at);

CREATE TABLE hub.workflow_incidents (
    id text PRIMARY KEY,
    instance_id text NOT NULL,
    activity_id text NOT NULL,
    activity_execution_id text NOT NULL,
    exception_type text NOT NULL,
    message text NOT NULL,
    details text NULL,
    at timestamptz NOT NULL,
    resolved_at timestamptz NULL
);
CREATE INDEX ix_workflow_incidents_instance ON hub.workflow_incidents (instance_id);

-- Results of effects that have no store of their own to be idempotent in (HTTP calls, notifications), by effect key
-- (instance id + activity execution id).
CREATE TABLE hub.workflow_effects (
    key text PRIMARY KEY,
    result text NULL,
    at timestamptz NOT NULL
);

-- One effect per (event, workflow): the start of a definition or the resume of an instance by an event is recorded
-- here in the same transaction, so a redelivered or re-read event does nothing.
CREATE TABLE hub.workflow_event_effects (
    event_seq bigint NOT NULL,
    target text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (event_seq, target)
);

-- Events that matched no bookmark yet (a payment that arrives while the bill is still being issued): the instance
-- looks here when it creates its bookmark.
CREATE TABLE hub.workflow_pending_events (
    event_seq bigint NOT NULL,
    name text NOT NULL,
    correlation text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (event_seq, name, correlation)
);
CREATE INDEX ix_workflow_pending_events_match ON hub.workflow_pending_events (name, correlation);

CREATE TABLE hub.workflow_cursors (
    name text PRIMARY KEY,
    position bigint NOT NULL,
    updated_at timestamptz NOT NULL
);
