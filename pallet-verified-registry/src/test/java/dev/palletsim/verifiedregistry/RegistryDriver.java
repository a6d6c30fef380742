package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.VerifiedRegistry;
import dev.palletsim.frame.traits.VerifiedRegistry.ClaimResults;
import dev.palletsim.frame.traits.VerifiedRegistry.SectorAllocationClaims;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.function.Supplier;

/**
 * A test-only pallet for the registry's tests: the storage provider pallet's side of the {@link
 * VerifiedRegistry} coupling as a signed call ({@link ClaimAs}, the provider claiming), and Root
 * calls that write allocations and claims straight into the registry's storage, as builtin-actors'
 * verifreg harness does with {@code rt.replace_state} ({@code create_alloc}, {@code create_claim}),
 * keeping the DataCap supply whole.
 */
final class RegistryDriver implements Pallet {
  static final String NAME = "RegistryDriver";

  private final Supplier<VerifiedRegistry> registry;

  RegistryDriver(Couplings couplings) {
    this.registry = couplings.lazy(VerifiedRegistry.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  sealed interface DriverCall extends Call<RegistryDriver> {
    @Override
    default Class<RegistryDriver> palletType() {
      return RegistryDriver.class;
    }
  }

  /**
   * {@code ClaimAllocations} as the signing provider; the answer is deposited as {@link Claimed}.
   */
  record ClaimAs(Seq<SectorAllocationClaims> sectors, boolean allOrNothing) implements DriverCall {
    @Override
    public void dispatch(RegistryDriver p, Tx tx, Origin origin) {
      tx.deposit(
          new Claimed(
              p.registry
                  .get()
                  .claimAllocations(tx, Origin.ensureSigned(origin), sectors, allOrNothing)));
    }
  }

  /** Root: {@code create_alloc}: the allocation under the next id, its DataCap in the supply. */
  record PutAllocation(Allocation allocation) implements DriverCall {
    @Override
    public void dispatch(RegistryDriver p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(tx);
      VerifiedRegistryStorage.ALLOCATIONS.insert(tx, allocation.client(), id, allocation);
      VerifiedRegistryStorage.NEXT_ALLOCATION_ID.put(tx, id + 1);
      VerifiedRegistryStorage.DATACAP_SUPPLY.put(
          tx, Checked.add(VerifiedRegistryStorage.DATACAP_SUPPLY.get(tx), allocation.size()));
    }
  }

  /** Root: {@code create_claim}: the claim under the next id. */
  record PutClaim(Claim claim) implements DriverCall {
    @Override
    public void dispatch(RegistryDriver p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      long id = VerifiedRegistryStorage.NEXT_ALLOCATION_ID.get(tx);
      VerifiedRegistryStorage.CLAIMS.insert(tx, claim.provider(), id, claim);
      VerifiedRegistryStorage.NEXT_ALLOCATION_ID.put(tx, id + 1);
    }
  }

  /** What {@code claimAllocations} answered. */
  record Claimed(ClaimResults results) implements Event {
    @Override
    public String pallet() {
      return NAME;
    }
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(ClaimAs.class, PutAllocation.class, PutClaim.class);
  }
}
