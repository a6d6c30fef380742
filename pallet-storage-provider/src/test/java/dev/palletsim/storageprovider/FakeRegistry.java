package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A stand-in for the verified registry in the storage provider pallet's tests, as builtin-actors'
 * miner tests mock the verifreg actor ({@code expect_send} of {@code ClaimAllocations}): every
 * claim request is recorded, each sector's claims succeed with their total size unless the sector
 * is set to fail ({@code claim_failure}), and succeeded claims are kept so that extensions can read
 * them; Root may also write or remove a claim ({@code create_claim}, a claim not found). State
 * lives in the world, so a failed call's records roll back with it.
 */
final class FakeRegistry implements Pallet, VerifiedRegistry {
  static final String NAME = "FakeRegistry";

  /** One {@code ClaimAllocations} request. */
  record ClaimRequest(
      AccountId provider, Vector<SectorAllocationClaims> sectors, boolean allOrNothing) {}

  enum FakeRegistryError implements PalletError {
    ClaimRefused;

    @Override
    public String pallet() {
      return NAME;
    }

    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_ILLEGAL_ARGUMENT;
    }
  }

  static final StorageValue<Vector<ClaimRequest>> REQUESTS =
      StorageValue.withDefault(NAME, "Requests", Vector.empty());
  static final StorageValue<TreeSet<Long>> FAILING =
      StorageValue.withDefault(NAME, "FailingSectors", TreeSet.empty());
  static final StorageValue<Boolean> SHORT_ANSWERS =
      StorageValue.withDefault(NAME, "ShortAnswers", false);
  static final StorageDoubleMap<AccountId, Long, Claim> CLAIMS =
      StorageDoubleMap.orderedInner(NAME, "Claims");

  @Override
  public String name() {
    return NAME;
  }

  sealed interface FakeRegistryCall extends Call<FakeRegistry> {
    @Override
    default Class<FakeRegistry> palletType() {
      return FakeRegistry.class;
    }
  }

  /** Root: the claims of these sectors fail from now on. */
  record FailSectors(Seq<Long> sectors) implements FakeRegistryCall {
    @Override
    public void dispatch(FakeRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      FAILING.put(tx, TreeSet.ofAll(sectors));
    }
  }

  /** Root: {@code claim} stands under {@code id}. */
  record PutClaim(long id, Claim claim) implements FakeRegistryCall {
    @Override
    public void dispatch(FakeRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      CLAIMS.insert(tx, claim.provider(), id, claim);
    }
  }

  /** Root: from now on, answer claims with one result fewer than the sectors asked about. */
  record AnswerShort() implements FakeRegistryCall {
    @Override
    public void dispatch(FakeRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      SHORT_ANSWERS.put(tx, true);
    }
  }

  /** Root: {@code provider}'s claim {@code id} is gone. */
  record RemoveClaim(AccountId provider, long id) implements FakeRegistryCall {
    @Override
    public void dispatch(FakeRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      CLAIMS.remove(tx, provider, id);
    }
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(FailSectors.class, PutClaim.class, RemoveClaim.class, AnswerShort.class);
  }

  /** Every claim request so far. */
  static Vector<ClaimRequest> requests(StateView view) {
    return REQUESTS.get(view);
  }

  @Override
  public long dataCapBalance(StateView view, AccountId client) {
    return 0;
  }

  @Override
  public AllocationTerms allocationTerms() {
    return new AllocationTerms(0, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  @Override
  public Seq<Long> allocate(Tx tx, AccountId client, Seq<AllocationRequest> requests) {
    throw new UnsupportedOperationException("the provider never allocates");
  }

  @Override
  public ClaimResults claimAllocations(
      Tx tx, AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    REQUESTS.mutate(
        tx, r -> r.append(new ClaimRequest(provider, Vector.ofAll(sectors), allOrNothing)));
    TreeSet<Long> failing = FAILING.get(tx);
    Vector<Either<DispatchError, Long>> out = Vector.empty();
    for (SectorAllocationClaims s : sectors) {
      if (failing.contains(s.sector())) {
        ensure(!allOrNothing, FakeRegistryError.ClaimRefused);
        out = out.append(Either.left(DispatchError.module(FakeRegistryError.ClaimRefused)));
        continue;
      }
      long space = 0;
      for (AllocationClaim c : s.claims()) {
        space += c.size();
        CLAIMS.insert(
            tx,
            provider,
            c.allocationId(),
            new Claim(
                provider,
                c.client(),
                c.data(),
                c.size(),
                0,
                Long.MAX_VALUE / 4,
                tx.blockNumber(),
                s.sector()));
      }
      out = out.append(Either.right(space));
    }
    if (SHORT_ANSWERS.get(tx)) out = out.dropRight(1);
    return new ClaimResults(out);
  }

  @Override
  public Option<Allocation> allocation(StateView view, AccountId client, long id) {
    return Option.none();
  }

  @Override
  public Option<Claim> claim(StateView view, AccountId provider, long id) {
    return CLAIMS.find(view, provider, id);
  }

  @Override
  public boolean removeExpiredAllocation(Tx tx, AccountId client, long id) {
    return false;
  }
}
