-- qmgr JDBC store, schema version 2: custom request headers per group (API 1.1).
-- One line "Name: value" per header, each ended by CR LF, in the order set; '' when none.
-- IF NOT EXISTS keeps the script re-runnable on H2, where each DDL statement commits on its own.

ALTER TABLE qmgr_group ADD COLUMN IF NOT EXISTS custom_headers VARCHAR NOT NULL DEFAULT '';
