package dev.imago.spring;

import static dev.imago.spring.TestCloud.ACME_CALLER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.ImageService;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.StoreException;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.JdbcImageStore;
import dev.imago.store.jdbc.PostgresServer;
import dev.imago.store.memory.InMemoryImageStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The PostgreSQL store, chosen when image-jdbc-store and a DataSource are there. */
@ExtendWith(OutputCaptureExtension.class)
class JdbcStoreAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ImagoAutoConfiguration.class,
          ImagoHealthAutoConfiguration.class))
      .withUserConfiguration(TestCloud.class);

  private static DataSource freshSchema(String schema) {
    PostgresServer server = PostgresServer.get();
    server.recreate(schema);
    return server.pool(schema);
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void with_a_data_source_images_are_kept_in_postgresql_on_a_schema_applied_at_startup(
      CapturedOutput output) {
    DataSource dataSource = freshSchema("starter_migrate");
    runner.withBean(DataSource.class, () -> dataSource).run(context -> {
      assertThat(context.getBean(ImageStore.class)).isInstanceOf(JdbcImageStore.class);
      ImageRecord image = context.getBean(ImageService.class).createImage(ACME_CALLER,
          TestCloud.webImage());

      JdbcImageStore reopened = new JdbcImageStore(dataSource);
      assertThat(reopened.load(image.id())).contains(image);
      assertThat(count(dataSource, "SELECT count(*) FROM " + ImagoSchema.HISTORY_TABLE
          + " WHERE success")).isPositive();
    });
    assertThat(output).contains("Imago's schema is at version " + ImagoSchema.VERSION)
        .doesNotContain("Imago keeps its images in memory");
  }

  @Test
  void the_health_of_the_postgresql_store_names_its_schema_version() {
    DataSource dataSource = freshSchema("starter_health");
    runner.withBean(DataSource.class, () -> dataSource).run(context -> {
      Health health = context.getBean("imagoHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("store", "JdbcImageStore")
          .containsEntry("schemaVersion", ImagoSchema.VERSION);

      // Another host migrated the database past this jar's schema: this one is not healthy.
      PostgresServer.get().execute("UPDATE starter_health.imago_schema_info SET version = "
          + (ImagoSchema.VERSION + 1));
      Health after = context.getBean("imagoHealthIndicator", HealthIndicator.class).health();
      assertThat(after.getStatus()).isEqualTo(Status.DOWN);
      assertThat(after.getDetails().get("error").toString()).contains("newer than version");
    });
  }

  @Test
  void without_migration_an_empty_database_fails_startup_saying_how_to_apply_the_schema() {
    DataSource dataSource = freshSchema("starter_no_migrate");
    runner.withBean(DataSource.class, () -> dataSource)
        .withPropertyValues("imago.jdbc.migrate=false")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .isInstanceOf(StoreException.class)
              .hasMessageContaining("holds no Imago schema");
        });
  }

  @Test
  void without_image_jdbc_store_on_the_class_path_a_data_source_is_not_used(
      CapturedOutput output) {
    DataSource dataSource = freshSchema("starter_filtered");
    runner.withBean(DataSource.class, () -> dataSource)
        .withClassLoader(new FilteredClassLoader(JdbcImageStore.class))
        .run(context ->
            assertThat(context.getBean(ImageStore.class)).isInstanceOf(InMemoryImageStore.class));
    assertThat(output).contains("Imago keeps its images in memory");
  }

  @Test
  void the_applications_store_wins_over_its_data_source() {
    DataSource dataSource = freshSchema("starter_own_store");
    InMemoryImageStore own = new InMemoryImageStore();
    runner.withBean(DataSource.class, () -> dataSource)
        .withBean(ImageStore.class, () -> own)
        .run(context -> {
          assertThat(context.getBean(ImageStore.class)).isSameAs(own);
          assertThat(context).doesNotHaveBean(JdbcImageStore.class);
        });
  }
}
