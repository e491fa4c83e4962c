package org.qmgr.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One versioned schema change: a script {@code migration/V<version>__<name>.sql} beside this class,
 * statements ending with {@code ;} at the end of a line, {@code --} comment lines.
 *
 * @param version     the schema version it produces
 * @param description what it does, recorded in the version table
 * @param script      the resource name, relative to this class
 */
record Migration(int version, String description, String script) {

    /** Every migration, in version order; append new ones, never change applied ones. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "initial schema", "migration/V1__initial_schema.sql"),
            new Migration(2, "custom request headers", "migration/V2__custom_headers.sql"),
            new Migration(3, "notification outbox", "migration/V3__notifications.sql"));

    /** @return the schema version this code creates and understands */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * @param dialect the database's dialect
     * @return the script's statements for that database
     */
    List<String> statements(Dialect dialect) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dialect.render(text()).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private String text() {
        try (InputStream in = Migration.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the bundle: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + script, e);
        }
    }
}
