package dev.imago.core;

import dev.imago.core.internal.DefaultImageService;
import dev.imago.core.internal.ObservedImageService;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.PolicySettings;
import dev.imago.core.policy.Rule;
import dev.imago.spi.BackupFacts;
import dev.imago.spi.BackupId;
import dev.imago.spi.DiskFacts;
import dev.imago.spi.DiskId;
import dev.imago.spi.FileFacts;
import dev.imago.spi.FileId;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStore;
import dev.imago.spi.Inputs;
import dev.imago.spi.ServerFacts;
import dev.imago.spi.ServerId;
import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds an {@link ImageService}:
 *
 * <pre>{@code
 * ImageService images = Imago.builder()
 *     .store(new InMemoryImageStore())
 *     .tenants(tenantDirectory)
 *     .sources(sourceDirectory)
 *     .build();
 * }</pre>
 */
public final class Imago {
  private Imago() {}

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects what an {@link ImageService} needs; only the store and the tenants are required. */
  public static final class Builder {
    private static final SourceDirectory NO_SOURCES = new SourceDirectory() {
      @Override
      public Optional<ServerFacts> findServer(ServerId id) {
        return Optional.empty();
      }

      @Override
      public Optional<DiskFacts> findDisk(DiskId id) {
        return Optional.empty();
      }

      @Override
      public Optional<BackupFacts> findBackup(BackupId id) {
        return Optional.empty();
      }

      @Override
      public Optional<FileFacts> findFile(FileId id) {
        return Optional.empty();
      }
    };

    private ImageStore store;
    private TenantDirectory tenants;
    private SourceDirectory sources = NO_SOURCES;
    private Clock clock = Clock.systemUTC();
    private Supplier<ImageId> idGenerator = () -> ImageId.of(UUID.randomUUID().toString());
    private PolicySettings settings = PolicySettings.defaults();
    private final PolicyEngine.Builder policy = PolicyEngine.builder();
    private int maxAttempts = 5;
    private final List<CommandListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets where images are kept, for example {@code new InMemoryImageStore()} from
     * image-memory-store.
     *
     * @param store the store
     * @return this builder
     * @throws dev.imago.spi.InputException if the store is absent
     */
    public Builder store(ImageStore store) {
      this.store = Inputs.present(store, "store");
      return this;
    }

    /**
     * Sets the host's tenant directory.
     *
     * @param tenants the directory
     * @return this builder
     * @throws dev.imago.spi.InputException if the directory is absent
     */
    public Builder tenants(TenantDirectory tenants) {
      this.tenants = Inputs.present(tenants, "tenants");
      return this;
    }

    /**
     * Sets the host's directory of servers, disks, backups and files; without one, every image
     * made from a source is denied (CREATE_SOURCE_ACCESS).
     *
     * @param sources the directory
     * @return this builder
     * @throws dev.imago.spi.InputException if the directory is absent
     */
    public Builder sources(SourceDirectory sources) {
      this.sources = Inputs.present(sources, "sources");
      return this;
    }

    /**
     * Sets the clock that times decisions and records; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     * @throws dev.imago.spi.InputException if the clock is absent
     */
    public Builder clock(Clock clock) {
      this.clock = Inputs.present(clock, "clock");
      return this;
    }

    /**
     * Sets where new image ids come from; random UUIDs by default. Ids must never repeat.
     *
     * @param idGenerator the id source
     * @return this builder
     * @throws dev.imago.spi.InputException if the source is absent
     */
    public Builder idGenerator(Supplier<ImageId> idGenerator) {
      this.idGenerator = Inputs.present(idGenerator, "idGenerator");
      return this;
    }

    /**
     * Sets the limits; the rule catalogue's defaults otherwise.
     *
     * @param settings the settings
     * @return this builder
     * @throws dev.imago.spi.InputException if the settings are absent
     */
    public Builder settings(PolicySettings settings) {
      this.settings = Inputs.present(settings, "settings");
      return this;
    }

    /**
     * Adds a host rule, evaluated after the built-in rules.
     *
     * @param rule the rule
     * @return this builder
     * @throws dev.imago.spi.InputException if the rule is absent
     */
    public Builder addRule(Rule rule) {
      policy.addRule(rule);
      return this;
    }

    /**
     * Sets how many times a command is tried when the image changes under it; 5 by default.
     *
     * @param maxAttempts the number of attempts, at least 1
     * @return this builder
     * @throws dev.imago.spi.InputException if the number is below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = (int) Inputs.range(maxAttempts, 1, 1000, "maxAttempts");
      return this;
    }

    /**
     * Adds a listener that sees every call of the service once it has ended, for metrics; none by
     * default. Listeners are called in the order they were added.
     *
     * @param listener the listener
     * @return this builder
     * @throws dev.imago.spi.InputException if the listener is absent
     */
    public Builder listener(CommandListener listener) {
      listeners.add(Inputs.present(listener, "listener"));
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     * @throws IllegalStateException if no store or no tenant directory was given
     */
    public ImageService build() {
      if (store == null) {
        throw new IllegalStateException("Imago needs an ImageStore: call store(...), for example"
            + " store(new InMemoryImageStore()) from the image-memory-store module");
      }
      if (tenants == null) {
        throw new IllegalStateException("Imago needs a TenantDirectory: call tenants(...), for"
            + " example tenants(new InMemoryTenantDirectory()) from image-memory-store");
      }
      ImageService service = new DefaultImageService(store, tenants, sources, clock, idGenerator,
          settings, policy.build(), maxAttempts);
      // Without listeners nothing wraps the service, so an unobserved call costs nothing more.
      return listeners.isEmpty() ? service : new ObservedImageService(service, listeners);
    }
  }
}
