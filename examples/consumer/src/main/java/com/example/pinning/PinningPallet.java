package com.example.pinning;

import static com.example.pinning.PinningStorage.EXPIRING;
import static com.example.pinning.PinningStorage.NEXT_ID;
import static com.example.pinning.PinningStorage.PINS;
import static com.example.pinning.PinningStorage.PIN_COUNT;
import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Currency;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * Pins pieces for a number of blocks against a deposit: the example pallet of
 * docs/writing-a-pallet.md. It holds configuration and a coupling, never state; its state is in
 * {@link PinningStorage}. It reaches Balances only through the {@link Currency} trait, so a test
 * can bind a fake in its place.
 */
@PalletName("Pinning")
public final class PinningPallet implements Pallet {
  private final PinningConfig config;
  private final Supplier<Currency> currency;

  /** The pallet with {@code config}, asking {@code couplings} for the runtime's currency. */
  public PinningPallet(PinningConfig config, Couplings couplings) {
    this.config = config;
    this.currency = couplings.lazy(Currency.class);
  }

  @Override
  public PinningConfig config() {
    return config;
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(PinningCall.PinPiece.class, PinningCall.Unpin.class);
  }

  // ---------------------------------------------------------------- calls

  void pin(Tx tx, Origin origin, Cid cid, long blocks) {
    AccountId who = Origin.ensureSigned(origin);
    Ensure.present(cid, "cid");
    Ensure.nonNegative(blocks, "blocks");
    ensure(blocks > 0, PinningError.ZeroBlocks);
    ensure(blocks <= config.maxBlocks(), PinningError.TooLong);
    int held = PIN_COUNT.get(tx, who);
    ensure(held < config.maxPinsPerAccount(), PinningError.TooManyPins);
    long deposit = Checked.mul(blocks, config.depositPerBlock());
    currency.get().reserve(tx, who, deposit); // fails with Balances' typed error, nothing kept
    long id = NEXT_ID.get(tx);
    NEXT_ID.put(tx, Checked.add(id, 1));
    long until = Checked.add(tx.blockNumber(), blocks);
    PINS.insert(tx, id, new Pin(who, cid, until, deposit));
    PIN_COUNT.insert(tx, who, held + 1);
    EXPIRING.mutate(tx, until, ids -> ids.add(id));
    tx.deposit(new PinningEvent.Pinned(id, who, cid, until, deposit));
  }

  void unpin(Tx tx, Origin origin, long id) {
    AccountId who = Origin.ensureSigned(origin);
    Pin pin = PINS.find(tx, id).getOrElseThrow(() -> Ensure.fail(PinningError.NoSuchPin));
    ensure(pin.owner().equals(who), PinningError.NotOwner);
    release(tx, id, pin);
    EXPIRING.mutate(tx, pin.until(), ids -> ids.remove(id));
    tx.deposit(new PinningEvent.Unpinned(id));
  }

  private void release(Tx tx, long id, Pin pin) {
    PINS.remove(tx, id);
    int left = PIN_COUNT.get(tx, pin.owner()) - 1;
    if (left == 0) PIN_COUNT.remove(tx, pin.owner());
    else PIN_COUNT.insert(tx, pin.owner(), left);
    currency.get().unreserve(tx, pin.owner(), pin.deposit());
  }

  // ---------------------------------------------------------------- hooks

  /** At the end of each block, the pins whose last block it is expire (FRAME's on_finalize). */
  @Override
  public void onFinalize(Tx tx) {
    Option<io.vavr.collection.TreeSet<Long>> due = EXPIRING.take(tx, tx.blockNumber());
    if (due.isEmpty()) return;
    for (long id : due.get()) {
      release(tx, id, PINS.get(tx, id));
      tx.deposit(new PinningEvent.Expired(id));
    }
    tx.work(name(), due.get().size());
  }

  // ---------------------------------------------------------------- invariants

  /** Checked after every block in tests (FRAME's try_state). */
  @Override
  public Seq<Invariant> invariants() {
    return List.of(
        Invariant.of(
            "every pin's deposit is reserved from its owner",
            view -> depositsCovered(view, currency.get())),
        Invariant.of("pin counts match the pins", PinningPallet::countsMatch));
  }

  private static Option<String> depositsCovered(StateView view, Currency currency) {
    var byOwner = PINS.entries(view).groupBy(e -> e._2.owner());
    for (var owner : byOwner) {
      long pinned = owner._2.map(e -> e._2.deposit()).sum().longValue();
      if (currency.reserved(view, owner._1) < pinned) {
        return Option.some(owner._1 + " has " + pinned + " pinned but less reserved");
      }
    }
    return Option.none();
  }

  private static Option<String> countsMatch(StateView view) {
    var counted = PINS.entries(view).groupBy(e -> e._2.owner()).mapValues(Seq::size);
    for (var e : PIN_COUNT.entries(view)) {
      if (!counted.get(e._1).contains(e._2)) return Option.some("count of " + e._1 + " is off");
    }
    return counted.size() == PIN_COUNT.count(view)
        ? Option.none()
        : Option.some("an owner of pins has no count");
  }
}
