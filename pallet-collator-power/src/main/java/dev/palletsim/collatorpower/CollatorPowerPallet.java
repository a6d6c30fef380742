package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.CollatorPowerStorage.COLLATOR_BACKERS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.MINER_CLAIMS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.NETWORK_POWER;
import static dev.palletsim.collatorpower.CollatorPowerStorage.POWER_LOCKS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.QA_POWER_SMOOTHED;
import static dev.palletsim.collatorpower.CollatorPowerStorage.TOTAL_BACKING;
import static dev.palletsim.collatorpower.CollatorPowerStorage.UNLOCK_QUEUE;
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
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.frame.traits.CollatorCandidates;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.PowerTable;
import dev.palletsim.frame.traits.StoragePower;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Collator Power Pallet of seed 001: the proxy between the storage provider pallet (which
 * proves storage and reports power through {@link StoragePower}) and collator selection (which
 * reads the power behind each candidate through {@link CollatorPower}). Miners register ({@code
 * create_miner}, or through the storage provider pallet), delegate their power to candidates, and
 * move or take it back; the storage provider pallet alone changes a miner's power.
 *
 * <p><b>Power.</b> A claim holds the miner's raw byte power and quality-adjusted power (verified
 * data counted ten times), as builtin-actors' power actor does; the consensus minimum is on raw
 * power; delegations weigh the power {@link CollatorPowerConfig#delegationPower()} names, by
 * default the quality-adjusted power (docs/design.md: Filecoin's consensus weighs it).
 *
 * <p><b>Accounting.</b> Every byte of a miner's delegable power is exactly one of delegated (its
 * {@link MinerClaim}), locked after a slash ({@link SlashPolicy.LockFor}) or free; only free power
 * can be delegated. When power drops, the loss is taken from free power first, then from locked
 * power (soonest-unlocking lock first: losing power never shortens a lock), and only then from the
 * delegations, pro rata by {@link ProRataReduction} (largest remainder, ties by collator account
 * order). So after a decrease {@code Σ staked = min(Σ staked before, new power)} exactly.
 *
 * <p><b>Sessions.</b> Delegation changes show in {@link #powerOf} at once. Collator selection reads
 * {@code powerOf} only when it assembles the next collator set at a session rotation; that read is
 * the session's snapshot (seed 001: "in the next session, the saved Power is picked up by CSP"). A
 * delegation made during session {@code i} therefore counts in the auction held at the rotation
 * into {@code i + 1}, whose set serves from {@code i + 2} (pallet-session's one-session delay).
 *
 * <p><b>Removal.</b> When collator selection removes a collator ({@link #onCollatorRemoved}), the
 * power delegated to it returns to its miners (seed 001's trade-off: collators are tracked by
 * collator selection, not here), except after a slash under {@link SlashPolicy.LockFor}, where it
 * is locked first; see {@link SlashPolicy} for why the power itself is never slashed.
 */
@PalletName("CollatorPower")
public final class CollatorPowerPallet implements Pallet, StoragePower, CollatorPower, PowerTable {
  /**
   * The name CollatorPowerPallet declares with {@link PalletName}: its storage prefix, for work
   * records.
   */
  public static final String NAME = Pallet.nameOf(CollatorPowerPallet.class);

  private final CollatorPowerConfig config;
  private final Supplier<CollatorCandidates> candidates;

  /**
   * The pallet with {@code config}, asking {@code couplings} for collator selection's candidates.
   */
  public CollatorPowerPallet(CollatorPowerConfig config, Couplings couplings) {
    this.config = Objects.requireNonNull(config, "config");
    this.candidates = couplings.lazy(CollatorCandidates.class);
  }

  /** The configuration. */
  public CollatorPowerConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- calls

  void createMiner(Tx tx, Origin origin) {
    registerMiner(tx, Origin.ensureSigned(origin));
  }

  void delegatePower(Tx tx, Origin origin, AccountId collator, long amount) {
    AccountId miner = Origin.ensureSigned(origin);
    Ensure.present(collator, "collator");
    positive(amount);
    MinerClaim claim = claimOf(tx, miner);
    ensure(candidates.get().isCandidate(tx, collator), CollatorPowerError.NotACandidate);
    ensure(amount <= freePower(tx, miner, claim), CollatorPowerError.InsufficientPower);
    long before = claim.stakeOn(collator);
    long after = Checked.add(before, amount);
    ensure(after >= config.minDelegation(), CollatorPowerError.DelegationBelowMinimum);
    if (before == 0) ensureRoomFor(tx, claim.stakedPower().size(), collator);
    MINER_CLAIMS.insert(tx, miner, setStake(tx, miner, claim, collator, after));
    tx.deposit(new CollatorPowerEvent.PowerDelegated(miner, collator, amount));
  }

  void undelegate(Tx tx, Origin origin, AccountId collator, long amount) {
    AccountId miner = Origin.ensureSigned(origin);
    Ensure.present(collator, "collator");
    positive(amount);
    MinerClaim claim = claimOf(tx, miner);
    long after = takeOff(claim, collator, amount);
    MINER_CLAIMS.insert(tx, miner, setStake(tx, miner, claim, collator, after));
    tx.deposit(new CollatorPowerEvent.PowerUndelegated(miner, collator, amount));
  }

  void redelegate(Tx tx, Origin origin, AccountId from, AccountId to, long amount) {
    AccountId miner = Origin.ensureSigned(origin);
    Ensure.present(from, "from");
    Ensure.present(to, "to");
    positive(amount);
    ensure(!from.equals(to), CollatorPowerError.SameCollator);
    MinerClaim claim = claimOf(tx, miner);
    long fromAfter = takeOff(claim, from, amount);
    ensure(candidates.get().isCandidate(tx, to), CollatorPowerError.NotACandidate);
    long toBefore = claim.stakeOn(to);
    long toAfter = Checked.add(toBefore, amount);
    ensure(toAfter >= config.minDelegation(), CollatorPowerError.DelegationBelowMinimum);
    if (toBefore == 0) {
      ensureRoomFor(tx, claim.stakedPower().size() - (fromAfter == 0 ? 1 : 0), to);
    }
    claim = setStake(tx, miner, claim, from, fromAfter);
    claim = setStake(tx, miner, claim, to, toAfter);
    MINER_CLAIMS.insert(tx, miner, claim);
    tx.deposit(new CollatorPowerEvent.PowerRedelegated(miner, from, to, amount));
  }

  private static void positive(long amount) {
    Ensure.nonNegative(amount, "amount");
    ensure(amount > 0, CollatorPowerError.ZeroAmount);
  }

  /**
   * Checks that {@code amount} can leave the delegation on {@code collator}; returns what stays.
   */
  private long takeOff(MinerClaim claim, AccountId collator, long amount) {
    long before = claim.stakeOn(collator);
    ensure(before > 0, CollatorPowerError.NoDelegation);
    ensure(amount <= before, CollatorPowerError.InsufficientDelegation);
    long after = before - amount;
    ensure(
        after == 0 || after >= config.minDelegation(), CollatorPowerError.DelegationBelowMinimum);
    return after;
  }

  /** A miner with {@code delegations} delegations may open one more, on {@code collator}. */
  private void ensureRoomFor(Tx tx, int delegations, AccountId collator) {
    ensure(delegations < config.maxDelegationsPerMiner(), CollatorPowerError.TooManyDelegations);
    ensure(
        COLLATOR_BACKERS.countOf(tx, collator) < config.maxBackersPerCollator(),
        CollatorPowerError.TooManyBackers);
  }

  // ---------------------------------------------------------------- StoragePower

  @Override
  public void registerMiner(Tx tx, AccountId miner) {
    Ensure.present(miner, "miner");
    ensure(!MINER_CLAIMS.contains(tx, miner), CollatorPowerError.MinerAlreadyRegistered);
    MINER_CLAIMS.insert(tx, miner, MinerClaim.EMPTY);
    NetworkPower n = NETWORK_POWER.get(tx);
    boolean above = meetsMinimum(0);
    NETWORK_POWER.put(
        tx,
        new NetworkPower(
            n.committed(),
            n.aboveMinimum(),
            n.miners() + 1,
            n.minersAboveMinimum() + (above ? 1 : 0),
            n.qaCommitted(),
            n.qaAboveMinimum()));
    tx.deposit(new CollatorPowerEvent.MinerCreated(miner));
  }

  /**
   * builtin-actors' {@code UpdateClaimedPower}: both powers move by their deltas; the network
   * totals follow ({@link #updateNetworkPower}); if the power delegations weigh ({@link
   * CollatorPowerConfig#delegationPower()}) dropped, the delegations and locks no longer covered
   * are taken back.
   */
  @Override
  public void updateMinerPower(
      Tx tx, AccountId miner, long rawBytePowerDelta, long qualityAdjPowerDelta) {
    Ensure.present(miner, "miner");
    MinerClaim claim = claimOf(tx, miner);
    long raw = applyDelta(claim.rawBytePower(), rawBytePowerDelta);
    long qa = applyDelta(claim.qualityAdjPower(), qualityAdjPowerDelta);
    if (raw == claim.rawBytePower() && qa == claim.qualityAdjPower()) return;
    updateNetworkPower(tx, claim, raw, qa);
    long delegableBefore = config.delegationPower().of(claim);
    claim = claim.withPower(raw, qa);
    tx.deposit(
        new CollatorPowerEvent.MinerPowerUpdated(
            miner, rawBytePowerDelta, raw, qualityAdjPowerDelta, qa));
    if (config.delegationPower().of(claim) < delegableBefore) {
      claim = absorbDecrease(tx, miner, claim);
    }
    MINER_CLAIMS.insert(tx, miner, claim);
  }

  /** {@code power + delta}: an overflow or a result below zero fails the call. */
  private static long applyDelta(long power, long delta) {
    if (delta >= 0) return Checked.add(power, delta);
    // power ≥ 0 and the delta is negative, so the sum cannot overflow
    long next = power + delta;
    ensure(next >= 0, CollatorPowerError.PowerUnderflow);
    return next;
  }

  @Override
  public long minerPower(StateView view, AccountId miner) {
    return miner == null
        ? 0
        : MINER_CLAIMS.find(view, miner).map(MinerClaim::rawBytePower).getOrElse(0L);
  }

  @Override
  public long minerQaPower(StateView view, AccountId miner) {
    return miner == null
        ? 0
        : MINER_CLAIMS.find(view, miner).map(MinerClaim::qualityAdjPower).getOrElse(0L);
  }

  @Override
  public boolean isMinerRegistered(StateView view, AccountId miner) {
    return miner != null && MINER_CLAIMS.contains(view, miner);
  }

  /** Whether {@code raw} bytes reach the consensus minimum (always, with the minimum off). */
  private boolean meetsMinimum(long raw) {
    return raw >= config.consensusMinerMinPower();
  }

  /**
   * The network totals after a miner's claim went from {@code before} to raw power {@code raw} and
   * quality-adjusted power {@code qa} (builtin-actors' {@code add_to_claim}): committed power
   * always moves; the minimum is on raw power, and crossing it upwards adds the whole new claim to
   * the counted totals, downwards removes the whole old one; staying above moves the counted totals
   * by the deltas; staying below leaves them.
   */
  private void updateNetworkPower(Tx tx, MinerClaim before, long raw, long qa) {
    NetworkPower n = NETWORK_POWER.get(tx);
    long oldRaw = before.rawBytePower();
    long oldQa = before.qualityAdjPower();
    long committed = Checked.add(Checked.sub(n.committed(), oldRaw), raw);
    long qaCommitted = Checked.add(Checked.sub(n.qaCommitted(), oldQa), qa);
    long counted = n.aboveMinimum();
    long qaCounted = n.qaAboveMinimum();
    long above = n.minersAboveMinimum();
    boolean was = meetsMinimum(oldRaw);
    boolean is = meetsMinimum(raw);
    if (!was && is) {
      counted = Checked.add(counted, raw);
      qaCounted = Checked.add(qaCounted, qa);
      above++;
    } else if (was && !is) {
      counted = Checked.sub(counted, oldRaw);
      qaCounted = Checked.sub(qaCounted, oldQa);
      above--;
    } else if (was) {
      counted = Checked.add(Checked.sub(counted, oldRaw), raw);
      qaCounted = Checked.add(Checked.sub(qaCounted, oldQa), qa);
    }
    NETWORK_POWER.put(
        tx, new NetworkPower(committed, counted, n.miners(), above, qaCommitted, qaCounted));
  }

  /**
   * The network's raw power for consensus (builtin-actors' {@code current_total_power}): every
   * miner's power while fewer than {@code consensusMinerMinMiners} miners reach the minimum, else
   * only theirs.
   */
  @Override
  public long networkRawPower(StateView view) {
    NetworkPower n = NETWORK_POWER.get(view);
    return n.minersAboveMinimum() < config.consensusMinerMinMiners()
        ? n.committed()
        : n.aboveMinimum();
  }

  /**
   * The network's quality-adjusted power for consensus (builtin-actors' {@code
   * current_total_power}'s quality-adjusted half), counted as {@link #networkRawPower}.
   */
  @Override
  public long networkQaPower(StateView view) {
    NetworkPower n = NETWORK_POWER.get(view);
    return n.minersAboveMinimum() < config.consensusMinerMinMiners()
        ? n.qaCommitted()
        : n.qaAboveMinimum();
  }

  @Override
  public FilterEstimate qaPowerSmoothed(StateView view) {
    if (!config.smoothedQaPower()) return FilterEstimate.constant(networkQaPower(view));
    return QA_POWER_SMOOTHED.find(view).getOrElse(this::initialQaPowerEstimate);
  }

  private FilterEstimate initialQaPowerEstimate() {
    return FilterEstimate.of(config.initialQaPowerPosition(), config.initialQaPowerVelocity());
  }

  /**
   * Every miner meeting the consensus minimum with some power, in account order, with its
   * quality-adjusted power: the weight Filecoin's leader election gives it.
   */
  @Override
  public Seq<PowerTable.MinerPower> consensusMiners(StateView view) {
    return MINER_CLAIMS
        .entries(view)
        .filter(e -> e._2.rawBytePower() > 0 && meetsConsensusMinimum(view, e._1))
        .map(e -> new PowerTable.MinerPower(e._1, e._2.qualityAdjPower()));
  }

  /**
   * The power actor's epoch tick: the smoothed QA power takes in the network's QA power as the
   * previous block left it (builtin-actors' {@code update_smoothed_estimate(1)} at the end of each
   * epoch; here at the start of the next, before anything of this block changes power).
   */
  private void updateSmoothedEstimate(Tx tx) {
    if (!config.smoothedQaPower()) return;
    FilterEstimate previous = QA_POWER_SMOOTHED.find(tx).getOrElse(this::initialQaPowerEstimate);
    QA_POWER_SMOOTHED.put(tx, previous.next(java.math.BigInteger.valueOf(networkQaPower(tx)), 1));
  }

  /** The network totals. */
  public NetworkPower networkPower(StateView view) {
    return NETWORK_POWER.get(view);
  }

  /**
   * Whether the miner's power counts for consensus (builtin-actors' {@code MinerRawPower}'s {@code
   * meets_consensus_minimum}): at or above the minimum; below it, only while fewer than {@code
   * consensusMinerMinMiners} miners reach it, and only with some power.
   */
  public boolean meetsConsensusMinimum(StateView view, AccountId miner) {
    long raw = minerPower(view, miner);
    if (meetsMinimum(raw)) return true;
    return NETWORK_POWER.get(view).minersAboveMinimum() < config.consensusMinerMinMiners()
        && raw > 0;
  }

  /**
   * After the claim's delegable power dropped: takes what no longer fits from the locks (soonest
   * first), then from the delegations, pro rata. Returns the claim with its reduced delegations.
   */
  private MinerClaim absorbDecrease(Tx tx, AccountId miner, MinerClaim claim) {
    long raw = config.delegationPower().of(claim);
    long staked = claim.totalStaked();
    Seq<Tuple2<PowerLockKey, Long>> locks = POWER_LOCKS.entriesOf(tx, miner);
    long locked = sum(locks);
    long excess = Checked.add(staked, locked) - raw;
    if (excess <= 0) return claim;
    long touched = 0;
    long lockCut = Math.min(excess, locked);
    if (lockCut > 0) touched += cutLocks(tx, miner, locks, lockCut);
    if (staked > raw) {
      touched += claim.stakedPower().size();
      var reduction = ProRataReduction.reduce(claim.stakedPower(), raw);
      for (Tuple2<AccountId, Long> cut : reduction.cuts()) {
        long remaining = reduction.remaining().getOrElse(cut._1, 0L);
        claim = setStake(tx, miner, claim, cut._1, remaining);
        tx.deposit(new CollatorPowerEvent.DelegationReduced(miner, cut._1, cut._2, remaining));
      }
    }
    tx.work(NAME, touched);
    return claim;
  }

  /** Cuts {@code amount} from the miner's locks, soonest first; returns the locks touched. */
  private static long cutLocks(
      Tx tx, AccountId miner, Seq<Tuple2<PowerLockKey, Long>> locks, long amount) {
    long left = amount;
    long touched = 0;
    TreeSet<Long> emptied = TreeSet.empty();
    for (Tuple2<PowerLockKey, Long> lock : locks) {
      if (left == 0) break;
      long take = Math.min(left, lock._2);
      long remaining = lock._2 - take;
      POWER_LOCKS.insert(tx, miner, lock._1, remaining == 0 ? null : remaining);
      if (remaining == 0) emptied = emptied.add(lock._1.unlockAt());
      tx.deposit(
          new CollatorPowerEvent.LockReduced(
              miner, lock._1.collator(), lock._1.unlockAt(), take, remaining));
      left -= take;
      touched++;
    }
    if (!emptied.isEmpty()) {
      Seq<Long> stillLocked = POWER_LOCKS.entriesOf(tx, miner).map(l -> l._1.unlockAt());
      for (long at : emptied) {
        if (!stillLocked.contains(at)) UNLOCK_QUEUE.mutate(tx, at, s -> s.remove(miner));
      }
    }
    return touched;
  }

  // ---------------------------------------------------------------- CollatorPower

  @Override
  public long powerOf(StateView view, AccountId collator) {
    return collator == null ? 0 : TOTAL_BACKING.get(view, collator);
  }

  @Override
  public Seq<Backing> backersOf(StateView view, AccountId collator) {
    if (collator == null) return List.empty();
    return COLLATOR_BACKERS.entriesOf(view, collator).map(t -> new Backing(t._1, t._2));
  }

  @Override
  public void onCollatorRemoved(Tx tx, AccountId collator, CollatorRemoval reason) {
    Ensure.present(collator, "collator");
    Ensure.present(reason, "reason");
    Seq<Tuple2<AccountId, Long>> backers = COLLATOR_BACKERS.removePrefix(tx, collator);
    if (backers.isEmpty()) return;
    TOTAL_BACKING.remove(tx, collator);
    Option<Long> unlockAt =
        reason == CollatorRemoval.Slashed && config.slashPolicy() instanceof SlashPolicy.LockFor l
            ? Option.some(Checked.add(tx.blockNumber(), l.blocks()))
            : Option.none();
    for (Tuple2<AccountId, Long> backer : backers) {
      AccountId miner = backer._1;
      long amount = backer._2;
      MINER_CLAIMS.insert(tx, miner, claimOf(tx, miner).withStake(collator, 0));
      if (unlockAt.isDefined()) {
        long at = unlockAt.get();
        POWER_LOCKS.mutate(
            tx,
            miner,
            new PowerLockKey(at, collator),
            old -> Checked.add(old == null ? 0 : old, amount));
        UNLOCK_QUEUE.mutate(tx, at, s -> s.add(miner));
        tx.deposit(new CollatorPowerEvent.DelegationLocked(miner, collator, amount, at));
      } else {
        tx.deposit(new CollatorPowerEvent.DelegationReturned(miner, collator, amount, reason));
      }
    }
    tx.work(NAME, backers.size());
  }

  // ---------------------------------------------------------------- hooks

  /** Releases the locks due at this block (cost proportional to the locks released). */
  @Override
  public void onInitialize(Tx tx) {
    updateSmoothedEstimate(tx);
    long now = tx.blockNumber();
    var due = UNLOCK_QUEUE.entriesUpTo(tx, now);
    if (due.isEmpty()) return;
    long released = 0;
    for (Tuple2<Long, TreeSet<AccountId>> entry : due) {
      UNLOCK_QUEUE.remove(tx, entry._1);
      for (AccountId miner : entry._2) {
        for (Tuple2<PowerLockKey, Long> lock : POWER_LOCKS.entriesOf(tx, miner)) {
          if (lock._1.unlockAt() > now) break;
          POWER_LOCKS.remove(tx, miner, lock._1);
          tx.deposit(new CollatorPowerEvent.DelegationUnlocked(miner, lock._1.collator(), lock._2));
          released++;
        }
      }
    }
    tx.work(NAME, released);
  }

  // ---------------------------------------------------------------- reads

  /** The miner's claim, if registered. */
  public Option<MinerClaim> claim(StateView view, AccountId miner) {
    return miner == null ? Option.none() : MINER_CLAIMS.find(view, miner);
  }

  /** The miner's power held back by slash locks, in bytes. */
  public long lockedPower(StateView view, AccountId miner) {
    return miner == null ? 0 : sum(POWER_LOCKS.entriesOf(view, miner));
  }

  /** The miner's locks, soonest first. */
  public Seq<Tuple2<PowerLockKey, Long>> locksOf(StateView view, AccountId miner) {
    return miner == null ? List.empty() : POWER_LOCKS.entriesOf(view, miner);
  }

  /**
   * The miner's free power: its delegable power ({@link CollatorPowerConfig#delegationPower()}) −
   * delegated − locked (0 when unregistered).
   */
  public long freePower(StateView view, AccountId miner) {
    return claim(view, miner).map(c -> freePower(view, miner, c)).getOrElse(0L);
  }

  /** The power of the miner that its delegations weigh (0 when unregistered). */
  public long delegablePower(StateView view, AccountId miner) {
    return claim(view, miner).map(config.delegationPower()::of).getOrElse(0L);
  }

  private long freePower(StateView view, AccountId miner, MinerClaim claim) {
    return Checked.sub(
        config.delegationPower().of(claim),
        Checked.add(claim.totalStaked(), sum(POWER_LOCKS.entriesOf(view, miner))));
  }

  // ---------------------------------------------------------------- internals

  private static MinerClaim claimOf(StateView view, AccountId miner) {
    return MINER_CLAIMS
        .find(view, miner)
        .getOrElseThrow(() -> Ensure.fail(CollatorPowerError.MinerNotRegistered));
  }

  /**
   * Sets the miner's delegation on {@code collator} to {@code amount} in the collator index and
   * returns the claim with it; the caller stores the claim. The one place the index is written, so
   * the claims and the index cannot drift apart.
   */
  private static MinerClaim setStake(
      Tx tx, AccountId miner, MinerClaim claim, AccountId collator, long amount) {
    long old = claim.stakeOn(collator);
    if (old == amount) return claim;
    COLLATOR_BACKERS.insert(tx, collator, miner, amount == 0 ? null : amount);
    long total = TOTAL_BACKING.get(tx, collator);
    TOTAL_BACKING.insert(tx, collator, Checked.add(Checked.sub(total, old), amount));
    return claim.withStake(collator, amount);
  }

  private static long sum(Seq<? extends Tuple2<?, Long>> entries) {
    long s = 0;
    for (Tuple2<?, Long> e : entries) s = Checked.add(s, e._2);
    return s;
  }

  @Override
  public Seq<Invariant> invariants() {
    return CollatorPowerInvariants.of(config);
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        CollatorPowerCall.CreateMiner.class,
        CollatorPowerCall.DelegatePower.class,
        CollatorPowerCall.Undelegate.class,
        CollatorPowerCall.Redelegate.class);
  }
}
