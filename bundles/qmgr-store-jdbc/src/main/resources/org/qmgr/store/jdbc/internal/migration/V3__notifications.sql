-- qmgr JDBC store, schema version 3: the outbox (store SPI 1.2). A notification a listener must receive is
-- stored in the transaction of the state change that caused it and deleted once acknowledged, so one due
-- when the JVM dies is delivered after restart. One row per QueueEvent, every field in its own column.
-- The foreign key refuses a notification of a group that is not stored (or that another node is deleting);
-- it does not cascade because deleteGroup deletes the group's notifications itself, before the group.
-- IF NOT EXISTS keeps the script re-runnable on H2, where each DDL statement commits on its own.

CREATE TABLE IF NOT EXISTS qmgr_notification (
    seq              BIGINT      NOT NULL PRIMARY KEY,
    event_type       VARCHAR(32) NOT NULL,
    group_id         UUID        NOT NULL REFERENCES qmgr_group (group_id),
    owner            VARCHAR     NOT NULL,
    job_id           UUID,
    file_index       INTEGER     NOT NULL,
    status           INTEGER     NOT NULL,
    num_of_retries   INTEGER     NOT NULL,
    win32_result     INTEGER     NOT NULL,
    transport_result INTEGER     NOT NULL,
    notify_flags     INTEGER     NOT NULL,
    notify_clsid     UUID,
    timestamp_millis BIGINT      NOT NULL
);
-- deleting a group finds its notifications (and checks the foreign key) without scanning the outbox
CREATE INDEX IF NOT EXISTS qmgr_notification_group ON qmgr_notification (group_id);
