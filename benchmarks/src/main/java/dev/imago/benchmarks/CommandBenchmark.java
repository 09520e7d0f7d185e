package dev.imago.benchmarks;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.Imago;
import dev.imago.spi.DiskRole;
import dev.imago.spi.DiskSpec;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageClass;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageSource;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageType;
import dev.imago.spi.Membership;
import dev.imago.spi.MembershipStatus;
import dev.imago.spi.TenantId;
import dev.imago.spi.TenantInfo;
import dev.imago.store.memory.InMemoryImageStore;
import dev.imago.store.memory.InMemoryTenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands through {@link ImageService} on the memory store: an owner shares its image with one
 * more tenant, a member accepts, an owner revokes a member; on one thread and on two, each thread
 * with images of its own (they contend only for the store). Every command changes an image with
 * up to 127 members and saves it with its events.
 *
 * <p>A command cannot be repeated on the same image and tenant, so each thread works through a
 * pool of prepared images, refilled between iterations to twice what the last iteration used.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommandBenchmark {
  private static final int MEMBERS = 127;

  /** The service and its store, shared by the threads. */
  @State(Scope.Benchmark)
  public static class Service {
    final InMemoryImageStore store = new InMemoryImageStore();
    final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    final ImageService images = Imago.builder().store(store).tenants(directory).build();
    final List<TenantId> recipients = new ArrayList<>();
    final AtomicInteger owners = new AtomicInteger();
    final AtomicInteger imageIds = new AtomicInteger();

    /** Registers the tenants every image is shared with. */
    @Setup
    public void setUp() {
      for (int i = 0; i < MEMBERS; i++) {
        TenantId recipient = TenantId.of("recipient-" + i);
        recipients.add(recipient);
        directory.put(TenantInfo.builder().id(recipient).region(Population.NORTH).build());
      }
    }

    TenantId newOwner() {
      TenantId owner = TenantId.of("owner-" + owners.incrementAndGet());
      directory.put(TenantInfo.builder().id(owner).region(Population.NORTH).build());
      return owner;
    }

    /** Saves a new ACTIVE image of the owner whose members all have the given status. */
    ImageId newImage(TenantId owner, Optional<MembershipStatus> members) {
      ImageId id = ImageId.of("cmd-" + imageIds.incrementAndGet());
      var image = ImageRecord.builder().id(id).name(id.value())
          .imageClass(ImageClass.PRIVATE).type(ImageType.SYSTEM_DISK).source(ImageSource.SERVER)
          .status(ImageStatus.ACTIVE).region(Population.NORTH).owner(owner)
          .os(Population.linux(0)).addDisks(DiskSpec.of(DiskRole.SYSTEM, 40)).minDiskGib(40)
          .addServerKinds(dev.imago.spi.ServerKind.ECS)
          .createdAt(DecisionFixture.NOW).updatedAt(DecisionFixture.NOW).version(1);
      members.ifPresent(status -> recipients.forEach(recipient -> image.putMembers(recipient,
          Membership.builder().tenant(recipient).status(status).createdAt(DecisionFixture.NOW)
              .updatedAt(DecisionFixture.NOW).build())));
      store.save(ImageChange.of(image.build(), 0, List.of()));
      return id;
    }
  }

  /**
   * One thread's images and where it stands in them: the command goes to image {@code image},
   * recipient {@code recipient}.
   */
  public abstract static class Pool {
    private final List<ImageId> images = new ArrayList<>();
    Caller owner;
    private int used;
    int recipient;

    /** Returns the status of the 127 members of a new image, or empty for an image without. */
    abstract Optional<MembershipStatus> members();

    /** Makes twice the images the last iteration used, so that the next one rarely runs out. */
    @Setup(Level.Iteration)
    public void refill(Service service) {
      if (owner == null) {
        owner = Caller.tenant(service.newOwner());
      }
      int wanted = Math.max(64, 2 * (used / MEMBERS + 1));
      images.clear();
      for (int i = 0; i < wanted; i++) {
        images.add(service.newImage(owner.tenant().get(), members()));
      }
      used = 0;
      recipient = 0;
    }

    /** Moves to the next image and tenant, making a new image if the pool ran out. */
    ImageId next(Service service) {
      int image = used / MEMBERS;
      if (image == images.size()) {
        images.add(service.newImage(owner.tenant().get(), members()));
      }
      recipient = used % MEMBERS;
      used++;
      return images.get(image);
    }
  }

  /** A pool of images with no members yet. */
  @State(Scope.Thread)
  public static class Unshared extends Pool {
    @Override
    Optional<MembershipStatus> members() {
      return Optional.empty();
    }
  }

  /** A pool of images whose 127 members are PENDING. */
  @State(Scope.Thread)
  public static class Pending extends Pool {
    @Override
    Optional<MembershipStatus> members() {
      return Optional.of(MembershipStatus.PENDING);
    }
  }

  /** A pool of images whose 127 members have ACCEPTED. */
  @State(Scope.Thread)
  public static class Accepted extends Pool {
    @Override
    Optional<MembershipStatus> members() {
      return Optional.of(MembershipStatus.ACCEPTED);
    }
  }

  @Benchmark
  public Object share(Service service, Unshared pool) {
    ImageId image = pool.next(service);
    return service.images.share(pool.owner, image,
        List.of(service.recipients.get(pool.recipient)));
  }

  @Benchmark
  @Threads(2)
  public Object shareTwoThreads(Service service, Unshared pool) {
    return share(service, pool);
  }

  @Benchmark
  public Object accept(Service service, Pending pool) {
    ImageId image = pool.next(service);
    return service.images.accept(Caller.tenant(service.recipients.get(pool.recipient)), image);
  }

  @Benchmark
  @Threads(2)
  public Object acceptTwoThreads(Service service, Pending pool) {
    return accept(service, pool);
  }

  @Benchmark
  public void revoke(Service service, Accepted pool) {
    ImageId image = pool.next(service);
    service.images.revoke(pool.owner, image, service.recipients.get(pool.recipient));
  }

  @Benchmark
  @Threads(2)
  public void revokeTwoThreads(Service service, Accepted pool) {
    revoke(service, pool);
  }
}
