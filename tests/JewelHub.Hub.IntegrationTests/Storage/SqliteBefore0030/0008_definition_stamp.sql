-- One counter that every change to workflow definitions increments in its own transaction. Readers compare it to
-- decide whether a list they answered before (and its ETag) still holds, without reading the definitions again.
CREATE TABLE hub.workflow_definition_stamp (
    id integer PRIMARY KEY,
    stamp bigint NOT NULL
);
INSERT INTO hub.workflow_definition_stamp (id, stamp) VALUES (1, 0);
