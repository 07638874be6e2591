-- Workflow runtime. Definitions are versioned as Elsa versions them: one row per version, at most one latest and
-- at most one published version per definition id; an instance stays on the version it started on.
CREATE TABLE hub.workflow_definitions (
    id TEXT PRIMARY KEY,
    definition_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NULL,
    description TEXT NULL,
    is_latest INTEGER NOT NULL,
    is_published INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    origin TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (definition_id, version)
);
CREATE UNIQUE INDEX ux_workflow_definitions_latest ON hub.workflow_definitions (definition_id) WHERE is_latest;
CREATE UNIQUE INDEX ux_workflow_definitions_published ON hub.workflow_definitions (definition_id) WHERE is_published;

-- Which event types start which definition versions (trigger activities with canStartWorkflow).
CREATE TABLE hub.workflow_triggers (
    version_id TEXT NOT NULL REFERENCES hub_workflow_definitions (id) ON DELETE CASCADE,
    activity_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    PRIMARY KEY (version_id, activity_id)
);
CREATE INDEX ix_workflow_triggers_type ON hub.workflow_triggers (event_type);

-- lease_id fences the runner: every commit of a run requires the lease it claimed, so a runner that lost its lease
-- (the recovery loop took over an expired one) can no longer write.
CREATE TABLE hub.workflow_instances (
    id TEXT PRIMARY KEY,
    definition_id TEXT NOT NULL,
    definition_version_id TEXT NOT NULL REFERENCES hub.workflow_definitions (id),
    version INTEGER NOT NULL,
    name TEXT NULL,
    status TEXT NOT NULL,
    correlation_id TEXT NULL,
    variables TEXT NOT NULL,
    state TEXT NOT NULL,
    trigger_event TEXT NULL,
    lease_id TEXT NULL,
    lease_until TEXT NULL,
    incident_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT NULL
);
CREATE INDEX ix_workflow_instances_status ON hub.workflow_instances (status, lease_until);
CREATE INDEX ix_workflow_instances_definition ON hub.workflow_instances (definition_id, created_at);

CREATE TABLE hub.workflow_bookmarks (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES hub.workflow_instances (id),
    activity_execution_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    correlation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (instance_id, activity_execution_id, name, correlation)
);
CREATE INDEX ix_workflow_bookmarks_match ON hub.workflow_bookmarks (name, correlation);

CREATE TABLE hub.workflow_timers (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES hub.workflow_instances (id),
    activity_execution_id TEXT NOT NULL,
    bookmark_id TEXT NOT NULL,
    due_at TEXT NOT NULL,
    fired INTEGER NOT NULL
);
CREATE INDEX ix_workflow_timers_due ON hub.workflow_timers (fired, due_at);

CREATE TABLE hub.workflow_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    activity_execution_id TEXT NULL,
    activity_id TEXT NULL,
    node_id TEXT NULL,
    activity_type TEXT NULL,
    event_name TEXT NOT NULL,
    outcome TEXT NULL,
    payload TEXT NULL,
    at TEXT NOT NULL
);
CREATE INDEX ix_workflow_journal_instance ON hub.workflow_journal (instance_id, seq);

CREATE TABLE hub.workflow_activity_executions (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    activity_type TEXT NOT NULL,
    status TEXT NOT NULL,
    inputs TEXT NULL,
    outputs TEXT NULL,
    outcome TEXT NULL,
    exception TEXT NULL,
    started_at TEXT NOT NULL,
    completed_at TEXT NULL
);
CREATE INDEX ix_workflow_activity_executions_instance ON hub.workflow_activity_executions (instance_id, started_at);

CREATE TABLE hub.workflow_incidents (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    activity_execution_id TEXT NOT NULL,
    exception_type TEXT NOT NULL,
    message TEXT NOT NULL,
    details TEXT NULL,
    at TEXT NOT NULL,
    resolved_at TEXT NULL
);
CREATE INDEX ix_workflow_incidents_instance ON hub.workflow_incidents (instance_id);

-- Results of effects that have no store of their own to be idempotent in (HTTP calls, notifications), by effect key
-- (instance id + activity execution id).
CREATE TABLE hub.workflow_effects (
    key TEXT PRIMARY KEY,
    result TEXT NULL,
    at TEXT NOT NULL
);

-- One effect per (event, workflow): the start of a definition or the resume of an instance by an event is recorded
-- here in the same transaction, so a redelivered or re-read event does nothing.
CREATE TABLE hub.workflow_event_effects (
    event_seq INTEGER NOT NULL,
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (event_seq, target)
);

-- Events that matched no bookmark yet (a payment that arrives while the bill is still being issued): the instance
-- looks here when it creates its bookmark.
CREATE TABLE hub.workflow_pending_events (
    event_seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    correlation TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (event_seq, name, correlation)
);
CREATE INDEX ix_workflow_pending_events_match ON hub.workflow_pending_events (name, correlation);

CREATE TABLE hub.workflow_cursors (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
