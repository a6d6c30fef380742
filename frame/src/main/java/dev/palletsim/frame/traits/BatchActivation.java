package dev.palletsim.frame.traits;

import dev.palletsim.frame.DispatchError;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * What {@link Market#batchActivateDeals} reports (builtin-actors' {@code
 * BatchActivateDealsResult}): one result per sector, in the order asked. A sector activated all its
 * deals (right) or none of them (left, with the first reason); sectors succeed and fail
 * independently.
 *
 * @param sectors per sector asked, its deal information or why it failed
 */
public record BatchActivation(Vector<Either<DispatchError, SectorDealInfo>> sectors) {

  /** Null-checked. */
  public BatchActivation {
    Objects.requireNonNull(sectors, "sectors");
  }

  /** Builtin-actors' {@code success_count}. */
  public int successCount() {
    return sectors.count(Either::isRight);
  }

  /** Whether every sector activated. */
  public boolean allOk() {
    return sectors.forAll(Either::isRight);
  }

  /** The number of sectors reported. */
  public int size() {
    return sectors.size();
  }

  /** The result for the {@code i}-th sector asked. */
  public Either<DispatchError, SectorDealInfo> get(int i) {
    return sectors.get(i);
  }
}
