package dev.palletsim.reward;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.reward.RewardStorage.STATE;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.BlockRewardEstimates;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.PowerTable;
import dev.palletsim.frame.traits.Randomness;
import dev.palletsim.frame.traits.RandomnessDomain;
import dev.palletsim.frame.traits.RewardRecipient;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Block rewards (builtin-actors' reward actor, filecoin-actors.md §3.11; docs/design.md, "Block
 * rewards"). At the start of every block, before anything of the block changes power:
 *
 * <ol>
 *   <li>{@code UpdateNetworkKPI}: the state advances to this block with the network raw power the
 *       previous block left ({@link RewardState#updateNetworkKpi}), computing this block's reward
 *       ({@link Minting}) and feeding it to the smoothed estimate;
 *   <li>{@code AwardBlockReward}: the reward goes to the storage providers with power ({@link
 *       Distribution}): minted into each winner's account and applied by the storage provider
 *       pallet ({@link RewardRecipient}: the locked share vests, fee debt is repaid). A reward a
 *       provider cannot take is not minted.
 * </ol>
 *
 * Total issuance grows by exactly what was paid; {@link BlockRewardEstimates} gives the money
 * formulas the smoothed reward and the baseline power.
 */
@PalletName("Reward")
public final class RewardPallet implements Pallet, BlockRewardEstimates {
  /**
   * The name RewardPallet declares with {@link PalletName}: its storage prefix, for work records.
   */
  public static final String NAME = Pallet.nameOf(RewardPallet.class);

  private final RewardConfig config;
  private final Supplier<Currency> currency;
  private final Supplier<PowerTable> power;
  private final Supplier<RewardRecipient> recipients;
  private final Supplier<Randomness> randomness;

  /** The pallet with {@code config}, its couplings from {@code couplings}. */
  public RewardPallet(RewardConfig config, Couplings couplings) {
    this.config = config;
    this.currency = couplings.lazy(Currency.class);
    this.power = couplings.lazy(PowerTable.class);
    this.recipients = couplings.lazy(RewardRecipient.class);
    this.randomness = couplings.lazy(Randomness.class);
  }

  @Override
  public RewardConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ genesis and hooks

  /** {@code State::new} with the network raw power at genesis. */
  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    STATE.put(
        tx,
        RewardState.genesis(config.minting(), BigInteger.valueOf(power.get().networkRawPower(tx))));
  }

  @Override
  public void onInitialize(Tx tx) {
    Option<RewardState> found = STATE.find(tx);
    if (found.isEmpty()) return;
    long now = tx.blockNumber();
    RewardState st =
        found
            .get()
            .updateNetworkKpi(
                config.minting(), now - 1, BigInteger.valueOf(power.get().networkRawPower(tx)));
    STATE.put(tx, st);
    long reward = toPlanck(st.thisEpochReward());
    Seq<PowerTable.MinerPower> miners = power.get().consensusMiners(tx);
    tx.work(NAME, miners.size());
    if (reward == 0 || miners.isEmpty()) return;
    long network = power.get().networkQaPower(tx);
    if (network <= 0) return;
    long paid = 0;
    for (PowerTable.MinerPower m : miners) {
      if (!recipients.get().eligibleForRewards(tx, m.miner())) continue;
      long amount;
      long wins;
      if (config.distribution() instanceof Distribution.Election e) {
        double lambda = (double) e.expectedWinners() * m.qaPower() / network;
        double u =
            Election.uniform(
                randomness
                    .get()
                    .draw(tx, RandomnessDomain.ElectionProofProduction, now, m.miner().toBytes()));
        wins = Election.winCount(lambda, u);
        if (wins == 0) continue;
        amount = share(reward, wins, e.expectedWinners());
      } else {
        wins = 1;
        amount = share(reward, m.qaPower(), network);
      }
      paid = Checked.add(paid, pay(tx, m.miner(), now, wins, amount, 0));
    }
    if (paid > 0) STATE.put(tx, STATE.get(tx).withPaid(BigInteger.valueOf(paid)));
  }

  // ------------------------------------------------------------------ calls

  /**
   * builtin-actors' {@code AwardBlockReward} by hand (Root): {@code ⌊reward · winCount / E⌋} to
   * {@code provider}, {@code penalty · PENALTY_MULTIPLIER} charged to it, E the expected winners.
   */
  void awardBlockReward(Tx tx, Origin origin, AccountId provider, long penalty, long winCount) {
    Origin.ensureRoot(origin);
    Ensure.present(provider, "provider");
    Ensure.nonNegative(penalty, "penalty");
    ensure(winCount > 0, RewardError.InvalidWinCount);
    Option<RewardState> st = STATE.find(tx);
    ensure(st.isDefined(), RewardError.NotInitialised);
    long reward = share(toPlanck(st.get().thisEpochReward()), winCount, expectedWinners());
    long minerPenalty = Checked.mul(penalty, config.penaltyMultiplier());
    long paid = pay(tx, provider, tx.blockNumber(), winCount, reward, minerPenalty);
    if (paid > 0) STATE.put(tx, STATE.get(tx).withPaid(BigInteger.valueOf(paid)));
  }

  /** The expected winners a win's share divides the block reward by. */
  long expectedWinners() {
    return config.distribution() instanceof Distribution.Election e
        ? e.expectedWinners()
        : RewardConfig.EXPECTED_LEADERS_PER_EPOCH;
  }

  /**
   * Mints {@code amount} into {@code provider}'s account and applies it with {@code penalty}, in a
   * nested transaction; if the provider refuses it, nothing is minted (builtin-actors burns it).
   * Returns what was paid.
   */
  private long pay(Tx tx, AccountId provider, long epoch, long wins, long amount, long penalty) {
    if (amount <= 0 && penalty <= 0) return 0;
    Option<DispatchError> refused =
        tx.transactional(
            () -> {
              if (amount > 0) currency.get().mint(tx, provider, amount);
              recipients.get().applyRewards(tx, provider, amount, penalty);
            });
    if (refused.isDefined()) {
      tx.deposit(new RewardEvent.BlockRewardForfeited(provider, epoch, amount));
      return 0;
    }
    tx.deposit(new RewardEvent.BlockRewardPaid(provider, epoch, wins, amount, penalty));
    return amount;
  }

  private static long share(long amount, long numerator, long denominator) {
    return BigInteger.valueOf(amount)
        .multiply(BigInteger.valueOf(numerator))
        .divide(BigInteger.valueOf(denominator))
        .longValueExact();
  }

  private static long toPlanck(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 63) {
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.Overflow));
    }
    return v.longValue();
  }

  // ------------------------------------------------------------------ reads

  /** The reward state, if the genesis wrote one. */
  public Option<RewardState> state(StateView view) {
    return STATE.find(view);
  }

  @Override
  public FilterEstimate thisEpochRewardSmoothed(StateView view) {
    return STATE
        .find(view)
        .map(RewardState::thisEpochRewardSmoothed)
        .getOrElse(FilterEstimate.constant(0));
  }

  @Override
  public BigInteger thisEpochBaselinePower(StateView view) {
    return STATE.find(view).map(RewardState::thisEpochBaselinePower).getOrElse(BigInteger.ZERO);
  }

  @Override
  public Seq<Invariant> invariants() {
    return List.of(
        Invariant.of(
            "Reward: the rewards paid never exceed what Balances minted",
            view -> {
              Option<RewardState> st = STATE.find(view);
              if (st.isEmpty()) return Option.none();
              BigInteger minted = BigInteger.valueOf(BalancesStorage.MINTED.get(view));
              return st.get().totalStoragePowerReward().compareTo(minted) > 0
                  ? Option.some(
                      "paid " + st.get().totalStoragePowerReward() + " > minted " + minted)
                  : Option.none();
            }));
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(RewardCall.AwardBlockReward.class);
  }
}
