package dev.imago.examples.rest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Imago as a REST service: a Spring Boot application whose {@code ImageService} comes from the
 * starter, on PostgreSQL through {@code image-jdbc-store} and the application's {@code
 * DataSource}. {@link ImageController} serves the use cases, {@link ProblemAdvice} turns refusals
 * into RFC 9457 problem details, and {@link OutboxRelay} relays the event log.
 *
 * <p>Run it with a database: {@code --spring.datasource.url=jdbc:postgresql://...}.
 */
@SpringBootApplication
public class RestExampleApplication {
  /**
   * Starts the service.
   *
   * @param args Spring Boot's command line
   */
  public static void main(String[] args) {
    SpringApplication.run(RestExampleApplication.class, args);
  }
}
