package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Plain JDBC for tests: look at what a store left in its database, behind its back. */
final class Sql {

    private Sql() {
    }

    /** @return each row of the query as one string, columns separated by {@code |} */
    static List<String> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.append(i > 1 ? "|" : "").append(v instanceof byte[] b ? Arrays.toString(b) : v);
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** @return the qmgr tables of the connection's current schema, lower-case, sorted */
    static List<String> tables(DataSource ds) {
        return rows(ds, "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA "
                + "AND LOWER(table_name) LIKE 'qmgr%' ORDER BY 1");
    }

    /** @return the recorded schema versions, in order */
    static List<String> versions(DataSource ds) {
        return rows(ds, "SELECT version, description FROM qmgr_schema_version ORDER BY version");
    }

    /** @return every row of every qmgr table, by table */
    static Map<String, List<String>> dump(DataSource ds) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tables(ds)) {
            dump.put(table, rows(ds, "SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return dump;
    }
}
