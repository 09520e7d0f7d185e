package dev.imago.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imago.core.Caller;
import dev.imago.core.ImagePolicyException;
import dev.imago.core.ImageService;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.spi.EventType;
import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageEvent;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.ImageStore;
import dev.imago.spi.ImageType;
import dev.imago.spi.ServerId;
import dev.imago.spi.StoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The properties the stateful contract holds at every step (refusals change nothing, a tenant
 * hears of no other tenant, port failures are StoreExceptions that change nothing) each fail
 * against a service broken on purpose, with a message that says which.
 */
class BrokenServicesBreakThePropertiesTest {
  // Alice makes an image and shares it with Bob and Erin; the image is the latest, slot 0.
  private static final List<Command> SHARED = List.of(
      new Command.Create(ServiceWorld.ALICE, ImageSpec.builder().name("web")
          .type(ImageType.SYSTEM_DISK).source(SourceRef.server(ServerId.of("srv-alice")))
          .build()),
      new Command.ReportProgress(0, ImageStatus.ACTIVE),
      new Command.Share(Command.Actor.OWNER, 0, List.of(ServiceWorld.BOB, ServiceWorld.ERIN)));

  @Test
  void a_service_that_shows_every_member_to_a_member_breaks_the_isolation_property() {
    ImageStore store = new ScanningImageStore();
    Throwable failure = catchThrowable(() -> new SequenceRun(store, service -> intercept(service,
        (method, args, call) -> {
          Object answer = call.call();
          // Once allowed to read, the reader gets the stored record, every member in it.
          return method.equals("get") ? store.load((ImageId) args[1]).orElseThrow() : answer;
        }))
        .run(SHARED));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a property does not hold")
        .hasMessageContaining("names tenant");
  }

  @Test
  void a_service_that_writes_before_it_refuses_breaks_the_refusal_property() {
    ImageStore store = new ScanningImageStore();
    List<Command> refused = new java.util.ArrayList<>(SHARED);
    refused.add(new Command.Delete(Command.Actor.of(Caller.tenant(ServiceWorld.BOB)), 0));
    Throwable failure = catchThrowable(() -> new SequenceRun(store, service -> intercept(service,
        (method, args, call) -> {
          try {
            return call.call();
          } catch (ImagePolicyException denied) {
            ImageRecord image = store.load((ImageId) args[1]).orElseThrow();
            store.save(ImageChange.of(image.withVersion(image.version() + 1), image.version(),
                List.of(ImageEvent.builder().type(EventType.TAGS_CHANGED).image(image.id())
                    .occurredAt(image.updatedAt()).build())));
            throw denied;
          }
        })).run(refused));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a refused command leaves the store's state and event log");
  }

  @Test
  void a_service_that_saves_a_schedule_it_already_has_breaks_the_no_op_property() {
    ImageStore store = new ScanningImageStore();
    Command deprecate = new Command.Deprecate(Command.Actor.OWNER, 0,
        Optional.of(Duration.ofDays(1)), Optional.empty(), Optional.empty());
    Command again = new Command.Deprecate(Command.Actor.OWNER, 0,
        Optional.empty(), Optional.empty(), Optional.empty());
    Throwable failure = catchThrowable(() -> new SequenceRun(store, service -> intercept(service,
        (method, args, call) -> {
          Object answer = call.call();
          if (method.equals("deprecate")) {
            // A new version and an event for every deprecation, even one that changes nothing.
            ImageRecord image = store.load((ImageId) args[1]).orElseThrow();
            store.save(ImageChange.of(image.withVersion(image.version() + 1), image.version(),
                List.of(ImageEvent.builder().type(EventType.DEPRECATION_SCHEDULED)
                    .image(image.id()).occurredAt(image.updatedAt()).build())));
          }
          return answer;
        })).run(List.of(SHARED.get(0), SHARED.get(1), deprecate, again)));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a command that changes nothing the model holds writes nothing")
        .hasMessageContaining("4. ");
  }

  @Test
  void a_service_that_lets_a_port_failure_escape_untyped_breaks_the_fault_property() {
    ImageStore store = new ScanningImageStore();
    Throwable failure = catchThrowable(() -> new SequenceRun(store, service -> intercept(service,
        (method, args, call) -> {
          try {
            return call.call();
          } catch (StoreException typed) {
            throw (RuntimeException) typed.getCause();
          }
        })).run(SHARED, List.of(1)));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a port failure surfaces as StoreException");
  }

  @Test
  void the_unbroken_service_holds_every_property_on_the_same_steps_and_faults() {
    new SequenceRun(new ScanningImageStore()).run(SHARED, List.of(0, 0, 1));
    new SequenceRun(new ScanningImageStore()).run(SHARED, List.of(1, 2, 3));
  }

  /** What a broken service does instead of a call: it may make the call itself. */
  @FunctionalInterface
  private interface Interception {
    Object handle(String method, Object[] args, Call call) throws Throwable;
  }

  @FunctionalInterface
  private interface Call {
    Object call() throws Throwable;
  }

  private static ImageService intercept(ImageService service, Interception interception) {
    InvocationHandler handler = (proxy, method, args) -> interception.handle(method.getName(),
        args == null ? new Object[0] : args, () -> {
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
          }
        });
    return (ImageService) Proxy.newProxyInstance(ImageService.class.getClassLoader(),
        new Class<?>[] {ImageService.class}, handler);
  }
}
