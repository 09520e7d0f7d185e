package dev.imago.examples.rest;

import static dev.imago.examples.rest.CloudDirectories.ACME;
import static dev.imago.examples.rest.CloudDirectories.ACME_SERVER;
import static dev.imago.examples.rest.CloudDirectories.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imago.core.ImageService;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import dev.imago.store.jdbc.ImagoSchema;
import dev.imago.store.jdbc.PostgresServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST example end to end: one Spring context on the embedded PostgreSQL server, a real HTTP
 * client on a random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "example.outbox.interval=0")
class RestExampleTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  private int port;
  @Autowired
  private ImageService images;
  @Autowired
  private OutboxRelay relay;
  @Autowired
  private Recorder published;
  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private TransactionTemplate transactions;
  @Autowired
  private MeterRegistry registry;

  private final HttpClient http = HttpClient.newHttpClient();

  @TestConfiguration(proxyBeanMethods = false)
  static class OnEmbeddedPostgres {
    @Bean(destroyMethod = "")
    DataSource dataSource() {
      PostgresServer server = PostgresServer.get();
      server.recreate("rest_example");
      return server.pool("rest_example");
    }

    @Bean
    Recorder recorder() {
      return new Recorder();
    }
  }

  /** A publisher that keeps what it is given. */
  static final class Recorder implements EventPublisher {
    final List<Long> sequences = new CopyOnWriteArrayList<>();

    @Override
    public void publish(StoredEvent event) {
      sequences.add(event.sequence());
    }
  }

  // --- HTTP ---

  private record Answer(int status, String contentType, JsonNode body, String text) {}

  private Answer send(String method, String path, TenantId tenant, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + path)).timeout(Duration.ofSeconds(20));
    if (tenant != null) {
      request.header(ImageController.TENANT_HEADER, tenant.value());
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    return new Answer(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        text.isEmpty() ? null : JSON.readTree(text), text);
  }

  private List<String> listedIds(TenantId tenant) throws Exception {
    List<String> ids = new ArrayList<>();
    send("GET", "/images?pageSize=1000", tenant, null).body().get("items")
        .forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private String createFromServer(TenantId owner, String name, String key) throws Exception {
    Answer created = send("POST", "/images", owner, "{\"name\":\"" + name
        + "\",\"type\":\"SYSTEM_DISK\",\"server\":\"" + ACME_SERVER.value() + "\""
        + (key == null ? "" : ",\"encryptionKey\":\"" + key + "\"") + "}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  // --- the tests ---

  @Test
  void the_seed_story_over_http() throws Exception {
    String id = createFromServer(ACME, "web", null);
    assertThat(send("GET", "/images/" + id, ACME, null).body().get("status").asText())
        .isEqualTo("QUEUED");
    images.reportProgress(ImageId.of(id), ImageStatus.ACTIVE);  // the host's image pipeline

    Answer shared = send("POST", "/images/" + id + "/members", ACME,
        "{\"recipients\":[\"" + GLOBEX.value() + "\"]}");
    assertThat(shared.status()).as(shared.text()).isEqualTo(200);
    assertThat(shared.body().get("added").get(0).asText()).isEqualTo(GLOBEX.value());
    // A pending member may read what it is offered, but does not list it until it accepts.
    assertThat(send("GET", "/images/" + id, GLOBEX, null).status()).isEqualTo(200);
    assertThat(listedIds(GLOBEX)).doesNotContain(id);

    Answer accepted = send("POST", "/images/" + id + "/accept", GLOBEX, null);
    assertThat(accepted.body().get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(listedIds(GLOBEX)).contains(id);

    Answer plan = send("POST", "/images/" + id + "/use-plan", GLOBEX, "{\"target\":\"SERVER\","
        + "\"serverKind\":\"ECS\",\"region\":\"cn-north-4\",\"diskGib\":40,\"ramMib\":4096}");
    assertThat(plan.status()).as(plan.text()).isEqualTo(200);
    assertThat(plan.body().get("disks").get(0).asText()).isEqualTo("SYSTEM:40");

    assertThat(send("DELETE", "/images/" + id + "/members/" + GLOBEX.value(), ACME, null)
        .status()).isEqualTo(204);
    assertThat(send("GET", "/images/" + id, GLOBEX, null).status())
        .as("revoked: access ends at once").isEqualTo(404);

    assertThat(send("DELETE", "/images/" + id, ACME, null).status()).isEqualTo(204);
    assertThat(send("GET", "/images/" + id, ACME, null).status()).isEqualTo(404);
  }

  @Test
  void sharing_an_encrypted_image_is_a_conflict_listing_every_violation() throws Exception {
    String id = createFromServer(ACME, "vault", "kms-payments");
    images.reportProgress(ImageId.of(id), ImageStatus.ACTIVE);

    Answer denied = send("POST", "/images/" + id + "/members", ACME,
        "{\"recipients\":[\"" + GLOBEX.value() + "\"]}");

    assertThat(denied.status()).isEqualTo(409);
    assertThat(denied.contentType()).startsWith("application/problem+json");
    assertThat(denied.body().get("type").asText()).isEqualTo("urn:imago:problem:denied");
    JsonNode violation = denied.body().get("violations").get(0);
    assertThat(violation.get("code").asText()).isEqualTo("SHARE_ENCRYPTED");
    assertThat(violation.get("category").asText()).isEqualTo("CONFLICT");
    assertThat(violation.get("message").asText()).contains("encrypted");
  }

  @Test
  void a_strangers_404_reads_exactly_as_an_unknown_id() throws Exception {
    String id = createFromServer(ACME, "private", null);
    images.reportProgress(ImageId.of(id), ImageStatus.ACTIVE);

    Answer hidden = send("GET", "/images/" + id, GLOBEX, null);
    Answer unknown = send("GET", "/images/no-such-image", GLOBEX, null);

    assertThat(hidden.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(hidden.text().replace(id, "ID"))
        .isEqualTo(unknown.text().replace("no-such-image", "ID"));
  }

  @Test
  void bad_input_is_a_400_naming_the_field_and_the_code() throws Exception {
    Answer badType = send("POST", "/images", ACME,
        "{\"name\":\"x\",\"type\":\"FLOPPY\",\"server\":\"" + ACME_SERVER.value() + "\"}");
    assertThat(badType.status()).isEqualTo(400);
    JsonNode violation = badType.body().get("violations").get(0);
    assertThat(violation.get("fields").get(0).asText()).isEqualTo("type");
    assertThat(violation.get("code").asText()).isEqualTo("INPUT_VALUE");

    Answer badPage = send("GET", "/images?pageSize=0", ACME, null);
    assertThat(badPage.status()).isEqualTo(400);
    assertThat(badPage.body().get("violations").get(0).get("code").asText())
        .isEqualTo("INPUT_PAGE");

    assertThat(send("GET", "/images", null, null).status()).as("no tenant header")
        .isEqualTo(400);
  }

  @Test
  void a_listing_walks_every_image_once_page_by_page() throws Exception {
    TenantId owner = ACME;
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      created.add(createFromServer(owner, "page " + i, null));
    }

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page = send("GET", "/images?pageSize=2"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
              java.nio.charset.StandardCharsets.UTF_8)), owner, null);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      page.body().get("items").forEach(item -> listed.add(item.get("id").asText()));
      JsonNode next = page.body().get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asText();
      pages++;
    } while (cursor != null && pages < 100);

    assertThat(listed).doesNotHaveDuplicates().containsAll(created);
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void the_calls_show_in_the_metrics_and_the_health_names_the_schema() throws Exception {
    String id = createFromServer(ACME, "metered", "kms-metered");
    images.reportProgress(ImageId.of(id), ImageStatus.ACTIVE);
    send("POST", "/images/" + id + "/members", ACME,
        "{\"recipients\":[\"" + GLOBEX.value() + "\"]}");

    Answer commands = send("GET", "/actuator/metrics/imago.command?tag=action:CREATE", null,
        null);
    assertThat(commands.status()).as(commands.text()).isEqualTo(200);
    assertThat(commands.body().get("measurements").get(0).get("value").asDouble())
        .isGreaterThanOrEqualTo(1);
    Answer denials = send("GET", "/actuator/metrics/imago.denials?tag=code:SHARE_ENCRYPTED",
        null, null);
    assertThat(denials.status()).as(denials.text()).isEqualTo(200);
    assertThat(denials.body().get("measurements").get(0).get("value").asDouble())
        .isGreaterThanOrEqualTo(1);

    for (Meter meter : registry.find(dev.imago.spring.ObservationCommandListener.NAME)
        .meters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain(id).doesNotContain(ACME.value())
            .doesNotContain(GLOBEX.value());
      }
    }

    Answer health = send("GET", "/actuator/health", null, null);
    JsonNode imago = health.body().get("components").get("imago");
    assertThat(imago.get("status").asText()).isEqualTo("UP");
    assertThat(imago.get("details").get("store").asText()).isEqualTo("JdbcImageStore");
    assertThat(imago.get("details").get("schemaVersion").asInt())
        .isEqualTo(ImagoSchema.VERSION);
  }

  @Test
  void the_relay_delivers_every_event_once_per_checkpoint_advance_across_restarts()
      throws Exception {
    createFromServer(ACME, "relayed", null);
    drain(relay);
    List<Long> firstRun = List.copyOf(published.sequences);
    assertThat(firstRun).isEqualTo(sequencesInTheLog());
    assertThat(relay.checkpoint()).isEqualTo(firstRun.get(firstRun.size() - 1));

    // A restart: a new relay on the same database goes on from the stored checkpoint.
    String id = createFromServer(ACME, "after restart", null);
    images.reportProgress(ImageId.of(id), ImageStatus.ACTIVE);
    Recorder afterRestart = new Recorder();
    drain(new OutboxRelay(images, jdbc, transactions, afterRestart, "events", 100));
    assertThat(afterRestart.sequences).isNotEmpty()
        .allSatisfy(sequence -> assertThat(sequence).isGreaterThan(
            firstRun.get(firstRun.size() - 1)));

    // A publisher that fails keeps its event for the next round; the ones before it are out.
    images.share(dev.imago.core.Caller.tenant(ACME), ImageId.of(id), List.of(GLOBEX));
    images.accept(dev.imago.core.Caller.tenant(GLOBEX), ImageId.of(id));
    List<Long> beforeFailure = new ArrayList<>();
    OutboxRelay failing = new OutboxRelay(images, jdbc, transactions, event -> {
      if (!beforeFailure.isEmpty()) {
        throw new IllegalStateException("broker down");
      }
      beforeFailure.add(event.sequence());
    }, "events", 100);
    assertThatThrownBy(failing::relayOnce).hasMessage("broker down");
    assertThat(failing.checkpoint()).isEqualTo(beforeFailure.get(0));
    Recorder recovered = new Recorder();
    drain(new OutboxRelay(images, jdbc, transactions, recovered, "events", 100));

    List<Long> all = new ArrayList<>(firstRun);
    all.addAll(afterRestart.sequences);
    all.addAll(beforeFailure);
    all.addAll(recovered.sequences);
    assertThat(all).as("every event, each once, in order").isEqualTo(sequencesInTheLog());

    // The relay of the application, scheduled: started, it catches up; stopped, it rests.
    String late = createFromServer(ACME, "scheduled", null);
    assertThat(late).isNotBlank();
    long last = sequencesInTheLog().get(sequencesInTheLog().size() - 1);
    relay.start(Duration.ofMillis(20));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (relay.checkpoint() < last && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      relay.stop();
    }
    assertThat(relay.checkpoint()).isEqualTo(last);
  }

  private static void drain(OutboxRelay relay) {
    while (relay.relayOnce() > 0) {
      // Until a round finds nothing.
    }
  }

  private List<Long> sequencesInTheLog() {
    return images.events(0, 100_000).stream().map(StoredEvent::sequence).toList();
  }
}
