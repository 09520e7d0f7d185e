package dev.imago.core;

import dev.imago.spi.Inputs;
import dev.imago.spi.TenantId;
import java.util.Optional;

/**
 * Who asks: a tenant, or the platform operator, which registers and manages public images and
 * whose image pipeline reports progress on every image.
 */
public final class Caller {
  private static final Caller OPERATOR = new Caller(Optional.empty());

  private final Optional<TenantId> tenant;

  private Caller(Optional<TenantId> tenant) {
    this.tenant = tenant;
  }

  /**
   * Returns a tenant as caller.
   *
   * @param tenant the tenant
   * @return the caller
   * @throws dev.imago.spi.InputException if the tenant is absent
   */
  public static Caller tenant(TenantId tenant) {
    return new Caller(Optional.of(Inputs.present(tenant, "caller")));
  }

  /**
   * Returns the platform operator as caller.
   *
   * @return the operator
   */
  public static Caller operator() {
    return OPERATOR;
  }

  /**
   * Returns the calling tenant.
   *
   * @return the tenant, or empty for the operator
   */
  public Optional<TenantId> tenant() {
    return tenant;
  }

  /**
   * Tells whether the platform operator asks.
   *
   * @return {@code true} for the operator
   */
  public boolean isOperator() {
    return tenant.isEmpty();
  }

  /**
   * Tells whether the given tenant asks.
   *
   * @param other a tenant
   * @return {@code true} when the caller is that tenant
   */
  public boolean is(TenantId other) {
    return tenant.isPresent() && tenant.get().equals(other);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Caller caller && caller.tenant.equals(tenant);
  }

  @Override
  public int hashCode() {
    return tenant.hashCode();
  }

  @Override
  public String toString() {
    return tenant.map(id -> "tenant " + id).orElse("operator");
  }
}
