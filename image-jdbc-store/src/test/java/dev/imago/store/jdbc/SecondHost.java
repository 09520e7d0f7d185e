package dev.imago.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.imago.testkit.TwoHostsTrial;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The second host of {@link TwoHostsTest}, in a JVM of its own: its own pool, store and
 * service on the same database. It says READY, waits for GO on its standard input, runs its
 * commands and prints one RESULT line each, then DONE.
 */
public final class SecondHost {
  private SecondHost() {}

  /**
   * Runs the host.
   *
   * @param args the JDBC URL, user, password, schema, host number, seed and rounds
   * @throws Exception if anything fails; the exit status is then not 0
   */
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword(args[2]);
    config.setSchema(args[3]);
    config.setMaximumPoolSize(4);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcImageStore store = new JdbcImageStore(pool);
      out.println("READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      if (!"GO".equals(in.readLine())) {
        throw new IllegalStateException("expected GO");
      }
      for (TwoHostsTrial.Result result : TwoHostsTrial.runHost(store,
          Integer.parseInt(args[4]), Long.parseLong(args[5]), Integer.parseInt(args[6]))) {
        out.println("RESULT\t" + result.toLine());
      }
      out.println("DONE");
    }
  }
}
