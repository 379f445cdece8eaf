package dev.etcdsop.testbed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An application on the Patroni cluster: inserts rows one by one through whichever node is primary now, reconnects
 * when that fails, and remembers every insert PostgreSQL acknowledged. An SOP on etcd may make the application wait,
 * but must never cost it an acknowledged row ({@link #missing}).
 */
public final class PostgresWriter implements AutoCloseable {
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final long PAUSE_MILLIS = 20;
    private static final long RETRY_MILLIS = 200;

    private final String url;
    private final Properties login;
    private final String table;
    private final SortedSet<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    private PostgresWriter(PatroniCluster cluster, String table) {
        this.url = cluster.jdbcUrl();
        this.table = table;
        this.login = new Properties();
        login.setProperty("user", PatroniConfig.SUPERUSER);
        login.setProperty("password", cluster.secrets().superuserPassword());
        // Short timeouts so a dead primary is given up quickly, and a short recheck so a new primary is found quickly
        // (the driver remembers which host was primary for hostRecheckSeconds, 10 by default).
        login.setProperty("connectTimeout", "2");
        login.setProperty("loginTimeout", "5");
        login.setProperty("socketTimeout", "10");
        login.setProperty("hostRecheckSeconds", "1");
        this.thread = new Thread(this::write, "postgres-writer-" + table);
        thread.setDaemon(true);
    }

    /** Creates {@code table} (if missing) on the primary, then starts inserting into it. */
    public static PostgresWriter start(PatroniCluster cluster, String table) throws SQLException, InterruptedException {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must be a plain lower-case identifier: " + table);
        }
        final PostgresWriter writer = new PostgresWriter(cluster, table);
        writer.onPrimary(SETUP_TIMEOUT, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id bigint PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())");
            }
            return null;
        });
        writer.thread.start();
        return writer;
    }

    private void write() {
        Connection connection = null;
        long next = 1;
        while (running) {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(url, login);
                }
                // A retry after a lost acknowledgement finds its row already there: it is acknowledged now.
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + table + " (id) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
                    insert.setLong(1, next);
                    insert.executeUpdate();
                }
                acknowledged.add(next++);
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            } catch (SQLException primaryGoneOrRefusing) {
                closeQuietly(connection);
                connection = null;
                if (!pause(RETRY_MILLIS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(connection);
    }

    /** The ids of the inserts PostgreSQL acknowledged so far, in order. */
    public List<Long> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** The acknowledged ids absent from the table as the current primary has it; the writer may keep running. */
    public List<Long> missing() throws SQLException, InterruptedException {
        final List<Long> expected = acknowledged();
        final Set<Long> present = onPrimary(SETUP_TIMEOUT, c -> {
            final Set<Long> ids = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT id FROM " + table)) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        });
        return expected.stream().filter(id -> !present.contains(id)).toList();
    }

    /** Stops inserting; safe to call again. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a new connection to the primary, retrying while there is none (a failover in progress). */
    private <T> T onPrimary(Duration timeout, Work<T> work) throws SQLException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url, login)) {
                return work.on(c);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
            }
        }
    }

    private boolean pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException alreadyBroken) {
            // The connection is being dropped because it failed: nothing to do about a failing close.
        }
    }
}
