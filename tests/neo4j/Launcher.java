/*
 * A real Neo4j 5 for kg's tests: an in-process server (neo4j-harness) with Bolt
 * on a free loopback port and auth disabled. Prints "bolt://127.0.0.1:PORT" on
 * stdout once it accepts connections, then runs until killed.
 *
 *   java -cp "$HOME/.cache/paperkg/neo4j-harness/lib/*" tests/neo4j/Launcher.java
 *       [--home DIR] [--port N] [--stop-on-eof]
 *
 * --home DIR     keep the store in DIR (an embedded DBMS instead of the harness's
 *                throw-away folder), so a killed server can be restarted on the
 *                same data: used by the interrupted-push test.
 * --port N       listen on port N (default: a free port).
 * --stop-on-eof  shut down when stdin closes (the test fixture's lifeline, so a
 *                dead pytest never leaves a server behind).
 */
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

public class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 0;
        boolean stopOnEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--stop-on-eof" -> stopOnEof = true;
                default -> {
                    System.err.println("usage: Launcher [--home DIR] [--port N] [--stop-on-eof]");
                    System.exit(2);
                }
            }
        }
        if (port == 0) {
            port = freePort();
        }
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        Runnable stop;
        if (home == null) {
            Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                    .withDisabledServer()
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, bolt)
                    .withConfig(BoltConnector.advertised_address, bolt)
                    .withConfig(GraphDatabaseSettings.auth_enabled, false)
                    .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                    .build();
            stop = neo4j::close;
        } else {
            DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, bolt)
                    .setConfig(BoltConnector.advertised_address, bolt)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .build();
            stop = dbms::shutdown;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        if (stopOnEof) {
            while (System.in.read() != -1) {
                // ignore input; EOF means the parent is gone
            }
            System.exit(0);  // runs the shutdown hook
        }
        Thread.currentThread().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
