package dev.palletsim.market;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A stand-in for the verified registry in the market's tests, as builtin-actors' market tests mock
 * the datacap actor ({@code expect_send} of {@code BalanceOf} and {@code TransferFrom}): clients'
 * DataCap balances set by Root, allocations made from them with consecutive ids from a settable
 * next id, every transfer recorded, all in world storage so that a failed call's records roll back
 * with it. Its allocation terms are builtin-actors' {@code Policy::default()}'s. It claims nothing:
 * the market never claims.
 */
final class FakeVerifiedRegistry implements Pallet, VerifiedRegistry {
  static final String NAME = "FakeVerifiedRegistry";

  /** A recorded transfer: {@code client} moved {@code requests} into allocations {@code ids}. */
  record Transfer(AccountId client, Vector<AllocationRequest> requests, Vector<Long> ids) {}

  enum FakeRegistryError implements PalletError {
    InsufficientDataCap;

    @Override
    public String pallet() {
      return NAME;
    }

    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_INSUFFICIENT_FUNDS;
    }
  }

  static final StorageMap<AccountId, Long> BALANCES = StorageMap.hashed(NAME, "Balances", 0L);
  static final StorageValue<Long> NEXT_ID = StorageValue.withDefault(NAME, "NextId", 1L);
  static final StorageMap<Long, Allocation> ALLOCATIONS = StorageMap.ordered(NAME, "Allocations");
  static final StorageValue<Vector<Transfer>> TRANSFERS =
      StorageValue.withDefault(NAME, "Transfers", Vector.empty());

  /** builtin-actors' policy: a 5-year maximum term, claimable for 60 days. */
  static final AllocationTerms FILECOIN_TERMS =
      new AllocationTerms(180 * 2_880L, 5 * 1_051_897L, 60 * 2_880L);

  private final AllocationTerms terms;

  FakeVerifiedRegistry(AllocationTerms terms) {
    this.terms = terms;
  }

  @Override
  public String name() {
    return NAME;
  }

  sealed interface FakeRegistryCall extends Call<FakeVerifiedRegistry> {
    @Override
    default Class<FakeVerifiedRegistry> palletType() {
      return FakeVerifiedRegistry.class;
    }
  }

  /** Root: {@code client} holds {@code amount} of DataCap. */
  record SetDataCap(AccountId client, long amount) implements FakeRegistryCall {
    @Override
    public void dispatch(FakeVerifiedRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      BALANCES.insert(tx, client, amount);
    }
  }

  /** Root: the next allocation gets {@code id}. */
  record SetNextAllocationId(long id) implements FakeRegistryCall {
    @Override
    public void dispatch(FakeVerifiedRegistry p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      NEXT_ID.put(tx, id);
    }
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(SetDataCap.class, SetNextAllocationId.class);
  }

  @Override
  public long dataCapBalance(StateView view, AccountId client) {
    return BALANCES.get(view, client);
  }

  @Override
  public AllocationTerms allocationTerms() {
    return terms;
  }

  @Override
  public Seq<Long> allocate(Tx tx, AccountId client, Seq<AllocationRequest> requests) {
    long total = requests.map(AllocationRequest::size).sum().longValue();
    long balance = BALANCES.get(tx, client);
    ensure(balance >= total, FakeRegistryError.InsufficientDataCap);
    BALANCES.insert(tx, client, balance - total);
    long id = NEXT_ID.get(tx);
    Vector<Long> ids = Vector.empty();
    for (AllocationRequest r : requests) {
      ALLOCATIONS.insert(
          tx,
          id,
          new Allocation(
              client, r.provider(), r.data(), r.size(), r.termMin(), r.termMax(), r.expiration()));
      ids = ids.append(id++);
    }
    NEXT_ID.put(tx, id);
    Vector<Long> made = ids;
    TRANSFERS.mutate(tx, t -> t.append(new Transfer(client, Vector.ofAll(requests), made)));
    return ids;
  }

  @Override
  public ClaimResults claimAllocations(
      Tx tx, AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    throw new UnsupportedOperationException("the market never claims");
  }

  @Override
  public Option<Allocation> allocation(StateView view, AccountId client, long id) {
    return ALLOCATIONS.find(view, id).filter(a -> a.client().equals(client));
  }

  @Override
  public Option<Claim> claim(StateView view, AccountId provider, long id) {
    return Option.none();
  }

  @Override
  public boolean removeExpiredAllocation(Tx tx, AccountId client, long id) {
    Option<Allocation> a = allocation(tx, client, id);
    if (a.isEmpty() || tx.blockNumber() < a.get().expiration()) return false;
    ALLOCATIONS.remove(tx, id);
    BALANCES.insert(tx, client, BALANCES.get(tx, client) + a.get().size());
    return true;
  }

  /** The transfers made so far. */
  static Vector<Transfer> transfers(StateView view) {
    return TRANSFERS.get(view);
  }

  /** The allocations standing, by id. */
  static Seq<Tuple2<Long, Allocation>> allocations(StateView view) {
    return ALLOCATIONS.entries(view);
  }
}
