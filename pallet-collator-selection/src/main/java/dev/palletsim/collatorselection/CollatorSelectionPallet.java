package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.CollatorSelectionStorage.AUCTIONS;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDACY_BOND;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CURRENT_SESSION;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.DESIRED_CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.INVULNERABLES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.LAST_AUTHORED_BLOCK;
import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;

import dev.palletsim.collatorselection.CollatorSelectionEvent.AuthorRewarded;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateAdded;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateBondUpdated;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateRemoved;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateSlashed;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CollatorsSelected;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvalidInvulnerableSkipped;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvulnerableAdded;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvulnerableRemoved;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewCandidacyBond;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewDesiredCandidates;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewInvulnerables;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.AuthorshipHandler;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.frame.traits.CollatorCandidates;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.Randomness;
import dev.palletsim.frame.traits.RandomnessDomain;
import dev.palletsim.frame.traits.SessionManager;
import dev.palletsim.frame.traits.ValidatorRegistration;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collator selection (polkadot-sdk's {@code pallet-collator-selection}, reference/collators-and-
 * codex.md §1) with upstream's top-by-bond election replaced by seed 001's randomized auction over
 * delegated storage power. Invulnerables always collate; candidates reserve a bond to bid; each
 * session, {@code DesiredCandidates} seats are drawn among them by the configured {@link
 * AuctionStrategy}, weighted by the power miners delegated to them (read from {@link
 * CollatorPower}).
 *
 * <p><b>Rotation</b> ({@link #newSession}, called by Session during the rotation into session
 * {@code i − 1}; the set it returns serves session {@code i}, one session later, so with 10-block
 * sessions a registration at block 4 is queued at block 10 and active at block 20):
 *
 * <ol>
 *   <li>Kick idle candidates: a candidate that held a seat in the session that just ended and has
 *       not authored for {@code KickThreshold} blocks ({@code now − LastAuthoredBlock ≥
 *       KickThreshold}, where registration set {@code LastAuthoredBlock = now + KickThreshold} as
 *       upstream does), least bonded first, never below {@code MinEligibleCollators}. Its bond is
 *       returned and {@code CollatorPower.onCollatorRemoved(Kicked)} returns its delegations. A
 *       kicked candidate already in the queued set still collates for one more session.
 *   <li>Remove candidates that became invulnerable (bond returned, {@code MadeInvulnerable}).
 *   <li>Assemble: the invulnerables (sorted, with session keys), then the auction's draw among the
 *       candidates whose bond meets {@code CandidacyBond} and who have keys. The power read here is
 *       the session's snapshot; it is stored with the seed and the result in {@code Auctions}.
 * </ol>
 *
 * <p><b>Kicking differs from upstream on purpose.</b> Upstream kicks every candidate whose {@code
 * LastAuthoredBlock} is old, including candidates that held no seat and so could not author. In a
 * lottery most candidates lose most auctions; kicking them would shrink the pool to the winners and
 * return their miners' delegations. Here only a candidate that held a seat for a whole session and
 * did not author is idle ({@code kickUnseatedCandidates} restores upstream's rule for comparison).
 * With upstream's mock ({@code KickThreshold} = one 10-block session), a candidate registered at
 * block 1 and elected at block 10 collates from block 20 and, if it never authors, is kicked at
 * block 30 and leaves the active set at block 40. (In upstream's own kick test the idle candidate
 * is kicked at block 20, the rotation at which it first becomes a collator; the other candidate
 * survives only because the mock names account 4 the author of every block. Compare statemint #87.)
 *
 * <p><b>Randomness.</b> The auction seed is {@code Randomness.draw(CollatorSelection, now, session
 * index)} at the rotation block itself. Rotation runs in Session's {@code onInitialize}, before any
 * extrinsic of that block, and a block's randomness is unknown before that block: the bids
 * (candidates, bonds and delegated power as of the end of the previous block) are final before
 * anyone can learn the seed, so nobody can react to it. The seed mixes only the block and the
 * session index, never a candidate's own input, so a candidate cannot grind for a better draw.
 *
 * <p><b>{@code take_candidate_slot} is not implemented.</b> Upstream uses it to replace a candidate
 * by out-bidding its bond. Here the bond does not rank candidates, so out-bidding means nothing for
 * selection; the call would only let a funded account evict any chosen candidate (and with it its
 * miners' delegations), the abuse reported in polkadot-fellows/RFCs#137 and hyperbridge#1189. Free
 * places come from leaving, kicking and bond raises instead; when the list is full, registration
 * fails with {@code TooManyCandidates}.
 *
 * <p><b>Rewards</b> ({@link #noteAuthor}, upstream's {@code note_author}): the author receives
 * {@code (free(pot) − ExistentialDeposit) / 2} from the pot ({@code AccountId.pallet("PotStake")})
 * and its {@code LastAuthoredBlock} is updated. The pot is funded by the transaction fees a runtime
 * routes to it (the storage runtime's parachain presets do) and by {@code potIssuancePerBlock},
 * which {@code onFinalize} mints into it. With {@code rewardBackers}, the reward is split by {@link
 * RewardSplit} using the exposures of the author's session. A transfer that cannot be made (a
 * recipient that does not exist and would stay below the existential deposit) leaves its amount in
 * the pot, as upstream ignores a failed transfer.
 *
 * <p><b>Offences.</b> Root's {@code report_offence(collator, slashFraction)} burns that many parts
 * per billion of the candidate's bond, returns the rest and removes the candidate, whatever {@code
 * MinEligibleCollators} says; the collator power pallet decides what happens to the delegated power
 * ({@code Slashed}). Only candidates can be reported: invulnerables bond nothing.
 */
@PalletName("CollatorSelection")
public final class CollatorSelectionPallet
    implements Pallet, SessionManager, AuthorshipHandler, CollatorCandidates {
  /**
   * The name CollatorSelectionPallet declares with {@link PalletName}: its storage prefix, for work
   * records.
   */
  public static final String NAME = Pallet.nameOf(CollatorSelectionPallet.class);

  private final CollatorSelectionConfig config;
  private final Supplier<Currency> currency;
  private final Supplier<CollatorPower> power;
  private final Supplier<ValidatorRegistration> registration;
  private final Supplier<Randomness> randomness;

  /** The pallet with {@code config}, reaching its counterparts through {@code couplings}. */
  public CollatorSelectionPallet(CollatorSelectionConfig config, Couplings couplings) {
    this.config = Objects.requireNonNull(config, "config");
    this.currency = couplings.lazy(Currency.class);
    this.power = couplings.lazy(CollatorPower.class);
    this.registration = couplings.lazy(ValidatorRegistration.class);
    this.randomness = couplings.lazy(Randomness.class);
  }

  /** The configuration. */
  public CollatorSelectionConfig config() {
    return config;
  }

  /** The pot account paying authors. */
  public AccountId potAccount() {
    return config.potAccount();
  }

  // ---------------------------------------------------------------- calls

  void setInvulnerables(Tx tx, Origin origin, Seq<AccountId> invulnerables) {
    Origin.ensureRoot(origin);
    Ensure.present(invulnerables, "invulnerables");
    Set<AccountId> seen = new HashSet<>();
    for (AccountId a : invulnerables) {
      Ensure.present(a, "an invulnerable");
      ensure(seen.add(a), DispatchError.badInput("invulnerable " + a + " is given twice"));
    }
    ensure(
        invulnerables.size() <= config.maxInvulnerables(),
        CollatorSelectionError.TooManyInvulnerables);
    Vector<AccountId> withKeys = Vector.empty();
    for (AccountId a : invulnerables) {
      if (hasKeys(tx, a)) {
        withKeys = withKeys.append(a);
      } else {
        tx.deposit(new InvalidInvulnerableSkipped(a));
      }
    }
    if (withKeys.isEmpty()) {
      ensure(
          CANDIDATES.count(tx) >= config.minEligibleCollators(),
          CollatorSelectionError.TooFewEligibleCollators);
    }
    Vector<AccountId> sorted = withKeys.sorted();
    INVULNERABLES.put(tx, sorted);
    tx.deposit(new NewInvulnerables(sorted));
  }

  void setDesiredCandidates(Tx tx, Origin origin, int max) {
    Origin.ensureRoot(origin);
    Ensure.nonNegative(max, "max");
    ensure(max <= config.maxCandidates(), CollatorSelectionError.TooManyDesiredCandidates);
    ensure(
        (long) max + config.maxInvulnerables() >= config.minEligibleCollators(),
        CollatorSelectionError.TooFewEligibleCollators);
    DESIRED_CANDIDATES.put(tx, max);
    tx.deposit(new NewDesiredCandidates(max));
  }

  void setCandidacyBond(Tx tx, Origin origin, long bond) {
    Origin.ensureRoot(origin);
    Ensure.nonNegative(bond, "bond");
    long old = CANDIDACY_BOND.get(tx);
    CANDIDACY_BOND.put(tx, bond);
    if (bond > old) {
      int removed = 0;
      for (Tuple2<AccountId, CandidateInfo> c : CANDIDATES.entries(tx)) {
        if (c._2.deposit() < bond) {
          removeCandidate(tx, c._1, c._2.deposit(), CollatorRemoval.BondTooLow, true);
          removed++;
        }
      }
      tx.work(NAME, removed);
    }
    tx.deposit(new NewCandidacyBond(bond));
  }

  void registerAsCandidate(Tx tx, Origin origin) {
    AccountId who = Origin.ensureSigned(origin);
    ensure(CANDIDATES.count(tx) < config.maxCandidates(), CollatorSelectionError.TooManyCandidates);
    ensure(!INVULNERABLES.get(tx).contains(who), CollatorSelectionError.AlreadyInvulnerable);
    ensure(hasKeys(tx, who), CollatorSelectionError.ValidatorNotRegistered);
    ensure(!CANDIDATES.contains(tx, who), CollatorSelectionError.AlreadyCandidate);
    long deposit = CANDIDACY_BOND.get(tx);
    currency.get().reserve(tx, who, deposit);
    LAST_AUTHORED_BLOCK.insert(tx, who, Checked.add(tx.blockNumber(), config.kickThreshold()));
    CANDIDATES.insert(tx, who, new CandidateInfo(deposit));
    tx.deposit(new CandidateAdded(who, deposit));
  }

  void leaveIntent(Tx tx, Origin origin) {
    AccountId who = Origin.ensureSigned(origin);
    ensure(
        eligibleCollators(tx) > config.minEligibleCollators(),
        CollatorSelectionError.TooFewEligibleCollators);
    CandidateInfo info =
        CANDIDATES.find(tx, who).getOrElseThrow(() -> fail(CollatorSelectionError.NotCandidate));
    removeCandidate(tx, who, info.deposit(), CollatorRemoval.Left, true);
  }

  void addInvulnerable(Tx tx, Origin origin, AccountId who) {
    Origin.ensureRoot(origin);
    Ensure.present(who, "who");
    ensure(hasKeys(tx, who), CollatorSelectionError.ValidatorNotRegistered);
    Vector<AccountId> invulnerables = INVULNERABLES.get(tx);
    ensure(!invulnerables.contains(who), CollatorSelectionError.AlreadyInvulnerable);
    ensure(
        invulnerables.size() < config.maxInvulnerables(),
        CollatorSelectionError.TooManyInvulnerables);
    INVULNERABLES.put(tx, invulnerables.append(who).sorted());
    // Upstream keeps the last authored block: the account goes on collating.
    CANDIDATES
        .find(tx, who)
        .forEach(
            info ->
                removeCandidate(tx, who, info.deposit(), CollatorRemoval.MadeInvulnerable, false));
    tx.deposit(new InvulnerableAdded(who));
  }

  void removeInvulnerable(Tx tx, Origin origin, AccountId who) {
    Origin.ensureRoot(origin);
    Ensure.present(who, "who");
    ensure(
        eligibleCollators(tx) > config.minEligibleCollators(),
        CollatorSelectionError.TooFewEligibleCollators);
    Vector<AccountId> invulnerables = INVULNERABLES.get(tx);
    ensure(invulnerables.contains(who), CollatorSelectionError.NotInvulnerable);
    INVULNERABLES.put(tx, invulnerables.remove(who));
    tx.deposit(new InvulnerableRemoved(who));
  }

  void updateBond(Tx tx, Origin origin, long newDeposit) {
    AccountId who = Origin.ensureSigned(origin);
    Ensure.nonNegative(newDeposit, "new_deposit");
    ensure(newDeposit >= CANDIDACY_BOND.get(tx), CollatorSelectionError.DepositTooLow);
    CandidateInfo info =
        CANDIDATES.find(tx, who).getOrElseThrow(() -> fail(CollatorSelectionError.NotCandidate));
    long old = info.deposit();
    if (newDeposit > old) {
      currency.get().reserve(tx, who, newDeposit - old);
    } else if (newDeposit < old) {
      ensure(!holdsSeat(tx, who), CollatorSelectionError.InvalidUnreserve);
      currency.get().unreserve(tx, who, old - newDeposit);
    } else {
      throw fail(CollatorSelectionError.IdenticalDeposit);
    }
    CANDIDATES.insert(tx, who, new CandidateInfo(newDeposit));
    tx.deposit(new CandidateBondUpdated(who, newDeposit));
  }

  void reportOffence(Tx tx, Origin origin, AccountId collator, long slashFraction) {
    Origin.ensureRoot(origin);
    Ensure.present(collator, "collator");
    ensure(
        slashFraction >= 0 && slashFraction <= RewardSplit.PERBILL,
        DispatchError.badInput("slash_fraction must be within 0 … 10^9: " + slashFraction));
    CandidateInfo info =
        CANDIDATES
            .find(tx, collator)
            .getOrElseThrow(() -> fail(CollatorSelectionError.NotCandidate));
    long slash = Checked.mulDiv(info.deposit(), slashFraction, RewardSplit.PERBILL);
    long slashed = currency.get().slashReserved(tx, collator, slash);
    tx.deposit(new CandidateSlashed(collator, slashed));
    removeCandidate(tx, collator, info.deposit() - slashed, CollatorRemoval.Slashed, true);
  }

  // ---------------------------------------------------------------- session manager

  @Override
  public Option<Seq<AccountId>> newSession(Tx tx, long newIndex) {
    long now = tx.blockNumber();
    int before = CANDIDATES.count(tx);
    int kicked = kickIdleCandidates(tx, newIndex - 2, now);
    removeInvulnerableCandidates(tx);
    AuctionRecord record = holdAuction(tx, newIndex, now);
    for (Tuple2<Long, AuctionRecord> old : AUCTIONS.entriesUpTo(tx, newIndex - 3)) {
      AUCTIONS.remove(tx, old._1);
    }
    tx.work(NAME, before + kicked);
    return Option.some(record.collators());
  }

  @Override
  public void startSession(Tx tx, long index) {
    CURRENT_SESSION.put(tx, new SessionStart(index, tx.blockNumber()));
  }

  /**
   * Kicks the candidates that held a seat in {@code endedSession} and have not authored for {@code
   * KickThreshold} blocks, least bonded (then longest idle, then smallest account) first, while
   * more than {@code MinEligibleCollators} remain eligible; returns how many were kicked.
   */
  private int kickIdleCandidates(Tx tx, long endedSession, long now) {
    Option<AuctionRecord> ended = AUCTIONS.find(tx, endedSession);
    boolean everyCandidate = config.kickUnseatedCandidates();
    if (ended.isEmpty() && !everyCandidate) return 0;
    TreeSet<AccountId> seated =
        TreeSet.ofAll(ended.map(AuctionRecord::elected).getOrElse(Vector.empty()));
    Vector<AccountId> invulnerables = INVULNERABLES.get(tx);
    record Idle(AccountId who, long deposit, long lastAuthored) {}
    Vector<Idle> idle = Vector.empty();
    for (Tuple2<AccountId, CandidateInfo> c : CANDIDATES.entries(tx)) {
      if (invulnerables.contains(c._1) || !(everyCandidate || seated.contains(c._1))) continue;
      long last = LAST_AUTHORED_BLOCK.get(tx, c._1);
      if (Checked.saturatingSub(now, last) >= config.kickThreshold()) {
        idle = idle.append(new Idle(c._1, c._2.deposit(), last));
      }
    }
    idle =
        idle.sorted(
            Comparator.comparingLong(Idle::deposit)
                .thenComparingLong(Idle::lastAuthored)
                .thenComparing(Idle::who));
    int eligible = eligibleCollators(tx);
    int kicked = 0;
    for (Idle c : idle) {
      if (eligible <= config.minEligibleCollators()) break;
      removeCandidate(tx, c.who(), c.deposit(), CollatorRemoval.Kicked, true);
      eligible--;
      kicked++;
    }
    return kicked;
  }

  /** Removes the candidates that are also invulnerable; their bond is returned. */
  private void removeInvulnerableCandidates(Tx tx) {
    for (AccountId who : INVULNERABLES.get(tx)) {
      CANDIDATES
          .find(tx, who)
          .forEach(
              info ->
                  removeCandidate(
                      tx, who, info.deposit(), CollatorRemoval.MadeInvulnerable, false));
    }
  }

  /** Draws the set for {@code session} and records the auction. */
  private AuctionRecord holdAuction(Tx tx, long session, long now) {
    Vector<AccountId> invulnerables = INVULNERABLES.get(tx).filter(a -> hasKeys(tx, a));
    long bond = CANDIDACY_BOND.get(tx);
    CollatorPower cp = power.get();
    Vector<Bid> bids =
        Vector.ofAll(CANDIDATES.entries(tx))
            .filter(
                c -> c._2.deposit() >= bond && hasKeys(tx, c._1) && !invulnerables.contains(c._1))
            .map(c -> new Bid(c._1, cp.powerOf(tx, c._1)));
    int seats = Math.min(DESIRED_CANDIDATES.get(tx), config.maxCandidates());
    H256 seed =
        randomness.get().draw(tx, RandomnessDomain.CollatorSelection, now, Bytes.ofLong(session));
    AuctionStrategy strategy = config.auction();
    Vector<AccountId> elected = Vector.ofAll(strategy.select(bids, seats, seed.firstLong()));
    checkElected(strategy, bids, seats, elected);
    Vector<Exposure> exposures =
        elected.map(
            c ->
                new Exposure(
                    c,
                    bids.find(b -> b.who().equals(c)).get().power(),
                    Vector.ofAll(cp.backersOf(tx, c)).sortBy(Backing::miner)));
    AuctionRecord record =
        new AuctionRecord(
            session, now, seed, strategy.name(), seats, invulnerables, bids, elected, exposures);
    AUCTIONS.insert(tx, session, record);
    tx.deposit(
        new CollatorsSelected(session, strategy.name(), bids.size(), elected, record.collators()));
    return record;
  }

  /** A strategy returning anything but distinct bidders within the seats is a bug. */
  private static void checkElected(
      AuctionStrategy strategy, Vector<Bid> bids, int seats, Vector<AccountId> elected) {
    TreeSet<AccountId> bidders = TreeSet.ofAll(bids.map(Bid::who));
    if (elected.size() > Math.max(0, seats)
        || elected.distinct().size() != elected.size()
        || !elected.forAll(bidders::contains)) {
      throw new IllegalStateException(
          "auction " + strategy.name() + " returned an invalid selection " + elected);
    }
  }

  // ---------------------------------------------------------------- authorship

  @Override
  public void noteAuthor(Tx tx, AccountId author) {
    Currency c = currency.get();
    AccountId pot = config.potAccount();
    long reward = Checked.saturatingSub(c.free(tx, pot), c.existentialDeposit()) / 2;
    if (reward > 0) payReward(tx, author, reward);
    LAST_AUTHORED_BLOCK.insert(tx, author, tx.blockNumber());
    tx.work(NAME, 1);
  }

  private void payReward(Tx tx, AccountId author, long reward) {
    Seq<Backing> backers = List.empty();
    if (config.rewardBackers()) {
      backers =
          authoringSession(tx)
              .flatMap(s -> AUCTIONS.find(tx, s))
              .flatMap(r -> r.exposureOf(author))
              .map(Exposure::backers)
              .getOrElse(Vector.empty());
    }
    RewardSplit split = RewardSplit.of(reward, config.collatorCommissionPerbill(), backers);
    long toAuthor = split.toCollator();
    long toBackers = 0;
    for (Payout p : split.toBackers()) {
      if (p.who().equals(author)) {
        toAuthor += p.amount(); // a collator backing itself is paid with its own transfer
      } else if (transferFromPot(tx, p.who(), p.amount())) {
        toBackers += p.amount();
      }
    }
    if (!transferFromPot(tx, author, toAuthor)) toAuthor = 0;
    tx.work(NAME, split.toBackers().size());
    if (toAuthor > 0 || toBackers > 0) tx.deposit(new AuthorRewarded(author, toAuthor, toBackers));
  }

  /** Pays {@code amount} from the pot, keeping it alive; false (and nothing moved) if it cannot. */
  private boolean transferFromPot(Tx tx, AccountId to, long amount) {
    if (amount == 0) return true;
    return tx.transactional(
            () ->
                currency
                    .get()
                    .transfer(tx, config.potAccount(), to, amount, Currency.Existence.KeepAlive))
        .isEmpty();
  }

  /**
   * The session whose set the current block's author came from: the current one, except at a
   * rotation block, whose author was chosen from the previous session's set.
   */
  private static Option<Long> authoringSession(Tx tx) {
    return CURRENT_SESSION
        .find(tx)
        .map(s -> s.startedAt() == tx.blockNumber() && s.index() > 0 ? s.index() - 1 : s.index());
  }

  // ---------------------------------------------------------------- hooks

  /** Mints the per-block issuance into the pot, on top of the fees a runtime routes to it. */
  @Override
  public void onFinalize(Tx tx) {
    if (config.potIssuancePerBlock() > 0) {
      currency.get().mint(tx, config.potAccount(), config.potIssuancePerBlock());
      tx.work(NAME, 1);
    }
  }

  // ---------------------------------------------------------------- coupling: candidates

  @Override
  public boolean isCandidate(StateView view, AccountId who) {
    return who != null && CANDIDATES.contains(view, who);
  }

  // ---------------------------------------------------------------- reads

  /** The auction held for {@code session}, if still stored. */
  public Option<AuctionRecord> auction(StateView view, long session) {
    return AUCTIONS.find(view, session);
  }

  /** Candidates plus invulnerables, each counted once. */
  public int eligibleCollators(StateView view) {
    Vector<AccountId> invulnerables = INVULNERABLES.get(view);
    int candidatesOnly = 0;
    for (AccountId c : CANDIDATES.keys(view)) if (!invulnerables.contains(c)) candidatesOnly++;
    return invulnerables.size() + candidatesOnly;
  }

  // ---------------------------------------------------------------- internals

  private boolean hasKeys(StateView view, AccountId who) {
    return registration.get().isRegistered(view, who);
  }

  /** Whether {@code who} was elected into the current or the queued session. */
  private static boolean holdsSeat(StateView view, AccountId who) {
    Option<SessionStart> current = CURRENT_SESSION.find(view);
    if (current.isEmpty()) return false;
    long s = current.get().index();
    return AUCTIONS.find(view, s).exists(r -> r.elected().contains(who))
        || AUCTIONS.find(view, s + 1).exists(r -> r.elected().contains(who));
  }

  private void removeCandidate(
      Tx tx, AccountId who, long refund, CollatorRemoval reason, boolean clearLastAuthored) {
    CANDIDATES.remove(tx, who);
    currency.get().unreserve(tx, who, refund);
    if (clearLastAuthored) LAST_AUTHORED_BLOCK.remove(tx, who);
    tx.deposit(new CandidateRemoved(who, reason));
    power.get().onCollatorRemoved(tx, who, reason);
  }

  // ---------------------------------------------------------------- genesis

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    CollatorSelectionGenesis g =
        genesis.config(CollatorSelectionGenesis.class).getOrElse(CollatorSelectionGenesis::empty);
    if (g.invulnerables() == null || g.invulnerables().contains(null)) {
      throw new IllegalArgumentException("genesis invulnerables are missing");
    }
    if (g.invulnerables().distinct().size() != g.invulnerables().size()) {
      throw new IllegalArgumentException("duplicate invulnerables in genesis.");
    }
    if (g.invulnerables().size() > config.maxInvulnerables()) {
      throw new IllegalArgumentException("genesis invulnerables are more than MaxInvulnerables");
    }
    if (g.desiredCandidates() < 0 || g.desiredCandidates() > config.maxCandidates()) {
      throw new IllegalArgumentException(
          "genesis desired_candidates must be within 0 … MaxCandidates");
    }
    if ((long) g.desiredCandidates() + config.maxInvulnerables() < config.minEligibleCollators()) {
      throw new IllegalArgumentException(
          "genesis desired_candidates and MaxInvulnerables cannot meet MinEligibleCollators");
    }
    if (g.candidacyBond() < 0) {
      throw new IllegalArgumentException("genesis candidacy_bond must not be negative");
    }
    INVULNERABLES.put(tx, Vector.ofAll(g.invulnerables()).sorted());
    DESIRED_CANDIDATES.put(tx, g.desiredCandidates());
    CANDIDACY_BOND.put(tx, g.candidacyBond());
  }

  // ---------------------------------------------------------------- invariants

  @Override
  public Seq<Invariant> invariants() {
    return CollatorSelectionInvariants.of(config, currency);
  }

  @Override
  public Seq<AccountId> palletAccounts() {
    return List.of(config.potAccount());
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        CollatorSelectionCall.SetInvulnerables.class,
        CollatorSelectionCall.SetDesiredCandidates.class,
        CollatorSelectionCall.SetCandidacyBond.class,
        CollatorSelectionCall.RegisterAsCandidate.class,
        CollatorSelectionCall.LeaveIntent.class,
        CollatorSelectionCall.AddInvulnerable.class,
        CollatorSelectionCall.RemoveInvulnerable.class,
        CollatorSelectionCall.UpdateBond.class,
        CollatorSelectionCall.ReportOffence.class);
  }
}
