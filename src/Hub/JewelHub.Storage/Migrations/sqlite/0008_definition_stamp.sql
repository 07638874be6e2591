-- previous checksum: FE99BD9EB4BA913F368C2CB7B0419437FB057D8C34BD8A73E509D0C5EDAFFF58
-- One counter that every change to workflow definitions increments in its own transaction. Readers compare it to
-- decide whether a list they answered before (and its ETag) still holds, without reading the definitions again.
CREATE TABLE hub_workflow_definition_stamp (
    id integer PRIMARY KEY,
    stamp bigint NOT NULL
);
INSERT INTO hub_workflow_definition_stamp (id, stamp) VALUES (1, 0);
