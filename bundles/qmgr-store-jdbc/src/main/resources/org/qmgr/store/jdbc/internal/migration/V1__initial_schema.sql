-- qmgr JDBC store, schema version 1: groups, jobs, files, leases and the creation sequence.
-- Statements end with ';' at the end of a line. ${bytes} is the dialect's variable-length byte string type.
-- IF NOT EXISTS keeps the script re-runnable on H2, where each DDL statement commits on its own.

CREATE TABLE IF NOT EXISTS qmgr_group (
    group_id             UUID         NOT NULL PRIMARY KEY,
    owner                VARCHAR      NOT NULL,
    seq                  BIGINT       NOT NULL,
    state                VARCHAR(32)  NOT NULL,
    foreground           BOOLEAN      NOT NULL,
    background_priority  VARCHAR      NOT NULL,
    protocol             INTEGER      NOT NULL,
    notify_flags         INTEGER      NOT NULL,
    notify_clsid         UUID,
    display_name         VARCHAR      NOT NULL,
    description          VARCHAR      NOT NULL,
    remote_user          VARCHAR,
    remote_password      VARCHAR,
    progress_size        BIGINT       NOT NULL,
    progress_percent     INTEGER      NOT NULL,
    progress_time_millis BIGINT       NOT NULL,
    win32_result         INTEGER      NOT NULL,
    transport_result     INTEGER      NOT NULL,
    retries              INTEGER      NOT NULL,
    error_job_index      INTEGER      NOT NULL,
    error_file_index     INTEGER      NOT NULL,
    active_millis        BIGINT       NOT NULL,
    created_millis       BIGINT       NOT NULL,
    modified_millis      BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS qmgr_group_seq ON qmgr_group (seq);

CREATE TABLE IF NOT EXISTS qmgr_job (
    job_id   UUID   NOT NULL PRIMARY KEY,
    group_id UUID   NOT NULL REFERENCES qmgr_group (group_id) ON DELETE CASCADE,
    seq      BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS qmgr_job_group_seq ON qmgr_job (group_id, seq);

CREATE TABLE IF NOT EXISTS qmgr_file (
    job_id               UUID     NOT NULL REFERENCES qmgr_job (job_id) ON DELETE CASCADE,
    idx                  INTEGER  NOT NULL,
    remote_url           VARCHAR  NOT NULL,
    local_path           VARCHAR  NOT NULL,
    size_hint            BIGINT   NOT NULL,
    expected_sha256      VARCHAR,
    total_bytes          BIGINT   NOT NULL,
    bytes_done           BIGINT   NOT NULL,
    etag                 VARCHAR,
    last_modified_millis BIGINT   NOT NULL,
    temp_path            VARCHAR,
    digest_state         ${bytes},
    completed            BOOLEAN  NOT NULL,
    sha256               VARCHAR,
    PRIMARY KEY (job_id, idx)
);

-- one row per stored group (node_id NULL while free); no foreign key: a claim may precede its group
CREATE TABLE IF NOT EXISTS qmgr_lease (
    group_id       UUID    NOT NULL PRIMARY KEY,
    node_id        VARCHAR,
    epoch          BIGINT  NOT NULL,
    expires_millis BIGINT  NOT NULL
);

CREATE TABLE IF NOT EXISTS qmgr_counter (
    name          VARCHAR(32) NOT NULL PRIMARY KEY,
    counter_value BIGINT      NOT NULL
);
INSERT INTO qmgr_counter (name, counter_value)
    SELECT 'sequence', 0 FROM (VALUES (1)) AS one (x)
    WHERE NOT EXISTS (SELECT 1 FROM qmgr_counter WHERE name = 'sequence');
