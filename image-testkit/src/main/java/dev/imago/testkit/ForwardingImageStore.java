package dev.imago.testkit;

import dev.imago.spi.ImageChange;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageQuery;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.ImageStore;
import dev.imago.spi.Inputs;
import dev.imago.spi.Page;
import dev.imago.spi.RegionId;
import dev.imago.spi.StoredEvent;
import dev.imago.spi.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ImageStore} that passes every call on to another: extend it and override the calls
 * to change, to inject faults, count calls or break a contract on purpose in a test.
 */
public abstract class ForwardingImageStore implements ImageStore {
  private final ImageStore delegate;

  /**
   * Creates a store that forwards to another.
   *
   * @param delegate the store that answers
   * @throws dev.imago.spi.InputException if the delegate is absent
   */
  protected ForwardingImageStore(ImageStore delegate) {
    this.delegate = Inputs.present(delegate, "delegate");
  }

  /**
   * Returns the store that answers.
   *
   * @return the delegate
   */
  protected final ImageStore delegate() {
    return delegate;
  }

  @Override
  public Optional<ImageRecord> load(ImageId id) {
    return delegate.load(id);
  }

  @Override
  public void save(ImageChange change) {
    delegate.save(change);
  }

  @Override
  public Page<ImageRecord> listVisible(ImageQuery query) {
    return delegate.listVisible(query);
  }

  @Override
  public long countOwned(TenantId owner, RegionId region) {
    return delegate.countOwned(owner, region);
  }

  @Override
  public List<ImageRecord> listExpired(Instant purgeBy, int limit) {
    return delegate.listExpired(purgeBy, limit);
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    return delegate.events(afterSequence, limit);
  }
}
