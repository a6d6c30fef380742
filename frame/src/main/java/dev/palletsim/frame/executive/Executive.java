package dev.palletsim.frame.executive;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.BlockWeights;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.system.BlockRandomness;
import dev.palletsim.frame.system.SystemEvent;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.ChargeTransactionPayment;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.BiConsumer;

/**
 * Block production as pure functions from one {@link ChainState} to the next (frame-executive;
 * Teku's {@code StateTransition}). Each block follows one fixed order (ARCHITECTURE §6):
 *
 * <ol>
 *   <li>System: number, timestamp, randomness. The slot is the next one whose author is online; the
 *       author is {@code authorities[slot mod n]} under the authorities at the start of the block
 *       (a rotation in this block affects the next block's author, as in Substrate, where the
 *       author is chosen before the block executes);
 *   <li>Session: rotation at the boundary;
 *   <li>Aura: the slot is recorded and the author noted (collator reward, last authored block);
 *   <li>{@code onInitialize} of each added pallet, in runtime order;
 *   <li>extrinsics, each in its own transaction, within the block weight limit;
 *   <li>{@code onFinalize} of every pallet, in runtime order;
 *   <li>the block record: events, extrinsic outcomes, work per pallet and phase, state hash.
 * </ol>
 *
 * Every hook runs in its own transaction; a hook that throws is a bug (see {@link
 * RuntimeConfig#failOnBug()}) and its effects are discarded.
 */
final class Executive {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Executive.class);

  private Executive() {}

  static ChainState genesis(Runtime rt, Genesis genesis) {
    Genesis g = genesis.withPalletAccounts(rt.palletAccounts(), rt.config().existentialDeposit());
    BlockContext ctx = BlockContext.genesis(BlockRandomness.at(g.randomnessSeed(), 0));
    WeightMeter meter = new WeightMeter();
    Tx tx = Tx.begin(World.empty(), ctx, meter);
    for (Pallet p : rt.genesisOrder()) {
      try {
        p.buildGenesis(tx, g);
      } catch (DispatchException e) {
        throw new IllegalArgumentException(
            "genesis of " + p.name() + " failed: " + e.error().describe(), e);
      }
    }
    World world = tx.commit();
    Phase phase = new Phase.Genesis();
    Vector<EventRecord> events = tx.events().map(e -> new EventRecord(phase, e));
    BlockRecord record =
        new BlockRecord(
            0,
            0,
            g.timestampMillis(),
            Option.none(),
            ctx.randomness(),
            0,
            events,
            Vector.empty(),
            Vector.empty(),
            Weight.ZERO,
            world.stateHash());
    checkInvariants(rt, world, 0);
    ChainState state = new ChainState(world, null, Vector.of(record), HashSet.empty());
    return openBlock(rt, state, 1);
  }

  static ChainState openBlock(Runtime rt, ChainState state, long number) {
    return openBlock(rt, state, number, 1);
  }

  /**
   * Opens block {@code number} at the first slot at least {@code slotAdvance} after the last one
   * whose author is online.
   */
  static ChainState openBlock(Runtime rt, ChainState state, long number, long slotAdvance) {
    World world = state.world();
    long prevSlot = SessionStorage.CURRENT_SLOT.get(world);
    Vector<AccountId> authorities = SessionStorage.AUTHORITIES.get(world);
    long slot = prevSlot + slotAdvance;
    Option<AccountId> author = Option.none();
    if (!authorities.isEmpty()) {
      int tries = 0;
      while (state.offline().contains(authorOf(authorities, slot))) {
        slot++;
        if (++tries >= authorities.size()) throw new ChainStalled(number);
      }
      author = Option.some(authorOf(authorities, slot));
    }
    long timestamp =
        SystemStorage.NOW.get(world) + (slot - prevSlot) * rt.config().blockTimeMillis();
    BlockContext ctx =
        new BlockContext(
            number, timestamp, slot, author, BlockRandomness.INSTANCE.randomnessAt(world, number));
    ChainState s = new ChainState(world, OpenBlock.of(ctx), state.history(), state.offline());
    for (Pallet p : rt.pallets()) {
      s = runHook(rt, s, p, new Phase.Initialization(p.name()), Pallet::onInitialize);
    }
    return s;
  }

  private static AccountId authorOf(Vector<AccountId> authorities, long slot) {
    return authorities.get((int) Long.remainderUnsigned(slot, authorities.size()));
  }

  /**
   * Applies one extrinsic: checks it (well formed, a pallet for its call, a tip only where fees are
   * charged), refuses it if its declared weight does not fit in the block ({@link
   * DispatchError.Exhausted}) or, when the runtime charges fees and the origin is signed, if its
   * sender cannot pay ({@link DispatchError.Invalid}), then withdraws the fee, runs the call in a
   * nested layer, counts the nonce and settles the fee on the weight the call used. A refused
   * extrinsic changes nothing and weighs nothing. A call that fails after paying keeps the fee, the
   * nonce and their events, and loses only its own effects; without fees a failed call changes
   * nothing at all.
   */
  static Tuple2<ChainState, DispatchOutcome> apply(
      Runtime rt, ChainState state, Origin origin, Call<?> call, long tip) {
    OpenBlock ob = state.block();
    int index = ob.extrinsics().size();
    long number = ob.context().number();
    Phase phase = new Phase.ApplyExtrinsic(index);
    WeightCosts costs = rt.config().weightCosts();
    WeightMeter meter = new WeightMeter();
    Tx tx = Tx.begin(state.world(), ob.context(), meter, blockWeights(rt, ob));
    DispatchInfo info = new DispatchInfo(costs.extrinsicBase(), false);
    Option<DispatchError> error;
    Option<ChargeTransactionPayment.Withdrawn> paid = Option.none();
    Weight bookkeeping = Weight.ZERO;
    Option<ChargeTransactionPayment> payment =
        origin instanceof Origin.Signed ? rt.transactionPayment() : Option.none();
    if (call == null || origin == null) {
      error =
          Option.some(
              DispatchError.badInput(call == null ? "call is missing" : "origin is missing"));
    } else if (tip < 0) {
      error = Option.some(DispatchError.badInput("tip must not be negative: " + tip));
    } else if (tip > 0 && payment.isEmpty()) {
      error =
          Option.some(
              DispatchError.badInput("only a signed extrinsic in a runtime charging fees can tip"));
    } else {
      Option<Pallet> pallet = rt.palletFor(call.palletType());
      if (pallet.isEmpty()) {
        error =
            Option.some(
                DispatchError.badInput("no " + call.palletType().getSimpleName() + " in runtime"));
      } else {
        try {
          info = dispatchInfoUnchecked(call, pallet.get(), costs);
          if (ob.weight().plus(info.weight()).compareTo(rt.config().maxBlockWeight()) > 0) {
            error = Option.some(new DispatchError.Exhausted());
          } else {
            AccountId who = origin instanceof Origin.Signed s ? s.who() : null;
            Weight before = meter.total(costs);
            if (payment.isDefined()) {
              paid = Option.some(payment.get().withdrawFee(tx, who, call, info, tip));
            }
            bookkeeping = meter.total(costs).minus(before);
            before = meter.total(costs);
            Pallet p = pallet.get();
            error = tx.transactional(() -> dispatchUnchecked(call, p, tx, origin));
            Weight callWeight = meter.total(costs).minus(before);
            before = meter.total(costs);
            if (who != null && (error.isEmpty() || paid.isDefined())) {
              rt.system().incrementNonce(tx, who);
            }
            if (paid.isDefined()) {
              // FRAME's default: a call failing with a plain error reports no actual weight, so it
              // pays its declared weight; a successful one is refunded what it did not use
              Weight used =
                  error.isEmpty() ? costs.extrinsicBase().plus(callWeight) : info.weight();
              payment.get().correctAndDepositFee(tx, paid.get(), used);
            }
            bookkeeping = bookkeeping.plus(meter.total(costs).minus(before));
          }
        } catch (DispatchException e) {
          // only the fee's withdrawal (or its settlement) fails here: the extrinsic is refused
          error = Option.some(e.error());
          paid = Option.none();
        } catch (RuntimeException | StackOverflowError e) {
          if (rt.config().failOnBug()) throw new PalletBug(describe(number, phase, call), e);
          LOG.warn("bug recorded in {}: {}", describe(number, phase, call), e.toString());
          error =
              Option.some(
                  new DispatchError.Bug(e.getClass().getName(), String.valueOf(e.getMessage())));
          paid = Option.none();
        }
      }
    }
    Weight charged = costs.extrinsicBase().plus(meter.total(costs));
    if (error.isEmpty() && ob.weight().plus(charged).compareTo(rt.config().maxBlockWeight()) > 0) {
      // Only a call that used more than it declared gets here: honest declarations are refused
      // before they run. It is dropped whole, fee included, as a block builder would drop it.
      error = Option.some(new DispatchError.Exhausted());
      paid = Option.none();
    }
    boolean refused =
        error.exists(
            e -> e instanceof DispatchError.Exhausted || e instanceof DispatchError.Invalid);
    boolean kept = error.isEmpty() || paid.isDefined();
    World world = state.world();
    Vector<Event> emitted = Vector.empty();
    Vector<EventRecord> events = ob.events();
    if (kept) {
      world = tx.commit();
      emitted = tx.events();
      events = events.appendAll(emitted.map(e -> new EventRecord(phase, e)));
    }
    events =
        events.append(
            new EventRecord(
                phase,
                error.isEmpty()
                    ? new SystemEvent.ExtrinsicSuccess(index)
                    : new SystemEvent.ExtrinsicFailed(index, error.get())));
    Vector<WorkRecord> work = refused ? ob.work() : ob.work().appendAll(records(rt, phase, meter));
    Weight used = refused ? ob.weight() : ob.weight().plus(charged);
    Weight actual = refused ? Weight.ZERO : charged.minus(bookkeeping);
    if (rt.config().checkDeclaredWeights()
        && info.declared()
        && actual.compareTo(info.weight()) > 0) {
      throw new PalletBug(
          describe(number, phase, call),
          new IllegalStateException(
              call.callName()
                  + " used "
                  + actual.micros()
                  + " µs of weight, more than the "
                  + info.weight().micros()
                  + " µs it declares (extrinsic base weight included): its Call.weight must bound"
                  + " the work it does"));
    }
    DispatchOutcome outcome =
        new DispatchOutcome(number, index, origin, call, error, emitted, actual, info);
    OpenBlock next =
        new OpenBlock(ob.context(), events, ob.extrinsics().append(outcome), work, used);
    return Tuple.of(new ChainState(world, next, state.history(), state.offline()), outcome);
  }

  /** The block's limits and the actual weight of its extrinsics so far, for transactions. */
  private static BlockWeights blockWeights(Runtime rt, OpenBlock ob) {
    Weight extrinsics = Weight.ZERO;
    for (DispatchOutcome o : ob.extrinsics()) extrinsics = extrinsics.plus(o.weight());
    return new BlockWeights(
        rt.config().maxBlockWeight(), rt.config().weightCosts().extrinsicBase(), extrinsics);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static DispatchInfo dispatchInfoUnchecked(Call call, Pallet pallet, WeightCosts costs) {
    return DispatchInfo.of(call, pallet, costs);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void dispatchUnchecked(Call call, Pallet pallet, Tx tx, Origin origin) {
    call.dispatch(pallet, tx, origin);
  }

  static Tuple2<ChainState, BlockRecord> closeBlock(Runtime rt, ChainState state) {
    ChainState s = state;
    for (Pallet p : rt.pallets()) {
      s = runHook(rt, s, p, new Phase.Finalization(p.name()), Pallet::onFinalize);
    }
    OpenBlock ob = s.block();
    BlockContext ctx = ob.context();
    World world = s.world();
    BlockRecord record =
        new BlockRecord(
            ctx.number(),
            ctx.slot(),
            ctx.timestamp(),
            ctx.author(),
            ctx.randomness(),
            SessionStorage.CURRENT_INDEX.get(world),
            ob.events(),
            ob.extrinsics(),
            ob.work(),
            ob.weight(),
            world.stateHash());
    Vector<BlockRecord> history = s.history().append(record);
    if (history.size() > rt.config().historyDepth()) history = history.drop(1);
    return Tuple.of(new ChainState(world, ob, history, s.offline()), record);
  }

  private static ChainState runHook(
      Runtime rt, ChainState state, Pallet pallet, Phase phase, BiConsumer<Pallet, Tx> hook) {
    OpenBlock ob = state.block();
    WeightMeter meter = new WeightMeter();
    Tx tx = Tx.begin(state.world(), ob.context(), meter, blockWeights(rt, ob));
    World world;
    Vector<EventRecord> events = ob.events();
    try {
      hook.accept(pallet, tx);
      world = tx.commit();
      events = events.appendAll(tx.events().map(e -> new EventRecord(phase, e)));
    } catch (RuntimeException | StackOverflowError e) {
      String where = describe(ob.context().number(), phase, null);
      if (rt.config().failOnBug()) throw new PalletBug(where, e);
      LOG.warn("bug recorded in {}: {}", where, e.toString());
      world = state.world();
      events =
          events.append(
              new EventRecord(phase, new SystemEvent.BugReported(where, String.valueOf(e))));
    }
    Vector<WorkRecord> work = ob.work().appendAll(records(rt, phase, meter));
    OpenBlock next =
        new OpenBlock(
            ob.context(),
            events,
            ob.extrinsics(),
            work,
            ob.weight().plus(meter.total(rt.config().weightCosts())));
    return new ChainState(world, next, state.history(), state.offline());
  }

  private static Vector<WorkRecord> records(Runtime rt, Phase phase, WeightMeter meter) {
    return meter
        .work()
        .map(
            w ->
                new WorkRecord(
                    phase,
                    w.pallet(),
                    w.reads(),
                    w.writes(),
                    w.items(),
                    w.weight(rt.config().weightCosts())));
  }

  static void checkInvariants(Runtime rt, World world, long block) {
    Vector<String> failures = Vector.empty();
    for (Invariant inv : rt.invariants()) {
      Option<String> f;
      try {
        f = inv.check(world);
      } catch (RuntimeException e) {
        f = Option.some("check threw " + e);
      }
      if (f.isDefined()) failures = failures.append(inv.name() + ": " + f.get());
    }
    if (!failures.isEmpty()) throw new InvariantViolation(block, failures);
  }

  private static String describe(long number, Phase phase, Call<?> call) {
    return "block " + number + ", " + phase + (call == null ? "" : ", " + call);
  }
}
