package dev.imago.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.testkit.TwoHostsTrial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two hosts in two processes, each with its own pool, store and service, on one database: this
 * JVM and a second one started from the test class path ({@link SecondHost}). They race for one
 * tenant's quota (creates, and replications into the same region), one image's member limit
 * (shares, accepts and revokes from both) and delete; {@link TwoHostsTrial#check} then holds the
 * limits, the event log's order and every result of both against the database.
 */
class TwoHostsTest {
  private static final String SCHEMA = "two_hosts";

  @Test
  void two_processes_on_one_database_keep_the_limits_and_the_log() throws Exception {
    DataSource pool = TestSchemas.migrated(SCHEMA);
    for (long seed = 1; seed <= 3; seed++) {
      TestSchemas.empty(pool);
      JdbcImageStore store = new JdbcImageStore(pool);
      TwoHostsTrial.setUp(store);

      Process second = startSecondHost(seed);
      try (BufferedReader fromSecond = new BufferedReader(new InputStreamReader(
              second.getInputStream(), StandardCharsets.UTF_8));
          Writer toSecond = second.outputWriter(StandardCharsets.UTF_8)) {
        assertThat(fromSecond.readLine()).as("the second host's first line").isEqualTo("READY");
        toSecond.write("GO\n");
        toSecond.flush();
        List<TwoHostsTrial.Result> first =
            TwoHostsTrial.runHost(store, 0, seed, TwoHostsTrial.DEFAULT_ROUNDS);
        List<TwoHostsTrial.Result> other = new ArrayList<>();
        for (String line = fromSecond.readLine(); !"DONE".equals(line);
            line = fromSecond.readLine()) {
          assertThat(line).as("a line of the second host").isNotNull().startsWith("RESULT\t");
          other.add(TwoHostsTrial.Result.parse(line.substring("RESULT\t".length())));
        }
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("the second host's exit status").isZero();

        TwoHostsTrial.check(store, List.of(first, other));
        assertThat(first).as("host 1's results").hasSize(TwoHostsTrial.DEFAULT_ROUNDS);
        assertThat(other).as("host 2's results").hasSize(TwoHostsTrial.DEFAULT_ROUNDS);
        List<TwoHostsTrial.Result> all = new ArrayList<>(first);
        all.addAll(other);
        // The trial reached both limits, or it proved nothing.
        assertThat(all).as("results of both hosts")
            .anyMatch(result -> result.outcome().contains("CREATE_QUOTA"))
            .anyMatch(result -> result.outcome().contains("SHARE_MEMBER_LIMIT"));
        System.out.println("two hosts, seed " + seed + ": " + summary(first) + " | "
            + summary(other));
      } finally {
        second.destroyForcibly();
      }
    }
  }

  private static java.util.Map<String, Long> summary(List<TwoHostsTrial.Result> results) {
    return results.stream().collect(java.util.stream.Collectors.groupingBy(
        result -> result.command().split(" ")[0] + ":" + result.outcome().split(" ")[0],
        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }

  private static Process startSecondHost(long seed) throws IOException {
    PostgresServer server = PostgresServer.get();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SecondHost.class.getName(), server.url(), server.user(), server.password(), SCHEMA, "1",
        Long.toString(seed), Integer.toString(TwoHostsTrial.DEFAULT_ROUNDS))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
