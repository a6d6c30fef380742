package dev.palletsim.frame.executive;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.system.BlockRandomness;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The genesis of a chain: endowed balances (applied first, by Balances), the run's seed, the
 * genesis timestamp, and one config object per pallet that wants one (e.g. {@code SessionGenesis},
 * a collator selection genesis), looked up by type.
 */
public final class Genesis {
  private final LinkedHashMap<AccountId, Long> balances;
  private final LinkedHashMap<AccountId, Long> palletAccounts;
  private final long seed;
  private final long timestampMillis;
  private final LinkedHashMap<Class<?>, Object> configs;

  private Genesis(
      LinkedHashMap<AccountId, Long> balances,
      LinkedHashMap<AccountId, Long> palletAccounts,
      long seed,
      long timestampMillis,
      LinkedHashMap<Class<?>, Object> configs) {
    this.balances = balances;
    this.palletAccounts = palletAccounts;
    this.seed = seed;
    this.timestampMillis = timestampMillis;
    this.configs = configs;
  }

  /** A builder with no balances, seed 0 and timestamp 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** The balances given explicitly, in the order given. */
  public Seq<Tuple2<AccountId, Long>> balances() {
    return balances.toList();
  }

  /**
   * Everything Balances endows: the explicit balances, then each pallet account that has none, with
   * the existential deposit.
   */
  public Seq<Tuple2<AccountId, Long>> endowments() {
    return balances.toList().appendAll(palletAccounts.filterKeys(a -> !balances.containsKey(a)));
  }

  /** The run's seed. */
  public long seed() {
    return seed;
  }

  /** The chain secret behind block randomness, derived from the seed. */
  public H256 randomnessSeed() {
    return BlockRandomness.seedOf(seed);
  }

  /** The timestamp of genesis, in milliseconds. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** The config object of type {@code type}, if given. */
  public <T> Option<T> config(Class<T> type) {
    return configs.get(type).map(type::cast);
  }

  /** This genesis with a different seed. */
  public Genesis withSeed(long newSeed) {
    return new Genesis(balances, palletAccounts, newSeed, timestampMillis, configs);
  }

  Genesis withPalletAccounts(Seq<AccountId> accounts, long existentialDeposit) {
    LinkedHashMap<AccountId, Long> p = LinkedHashMap.empty();
    for (AccountId a : accounts) p = p.put(a, existentialDeposit);
    return new Genesis(balances, p, seed, timestampMillis, configs);
  }

  /** Builds a {@link Genesis}. */
  public static final class Builder {
    private LinkedHashMap<AccountId, Long> balances = LinkedHashMap.empty();
    private long seed;
    private long timestampMillis;
    private LinkedHashMap<Class<?>, Object> configs = LinkedHashMap.empty();

    private Builder() {}

    /** Endows {@code who} with {@code amount} planck (replacing an earlier amount). */
    public Builder balance(AccountId who, long amount) {
      balances = balances.put(who, amount);
      return this;
    }

    /** Endows each of {@code accounts} with {@code amount}. */
    public Builder balances(Seq<AccountId> accounts, long amount) {
      for (AccountId a : accounts) balance(a, amount);
      return this;
    }

    /** The run's seed (randomness and everything derived from it). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** The genesis timestamp in milliseconds. */
    public Builder timestamp(long millis) {
      timestampMillis = millis;
      return this;
    }

    /** A pallet's genesis config, found by its type. */
    public Builder config(Object config) {
      configs = configs.put(config.getClass(), config);
      return this;
    }

    /** The genesis. */
    public Genesis build() {
      return new Genesis(balances, LinkedHashMap.empty(), seed, timestampMillis, configs);
    }
  }

  @Override
  public String toString() {
    return "Genesis[seed "
        + seed
        + ", "
        + balances.size()
        + " balances, configs "
        + configs.keySet().map(Class::getSimpleName).mkString(", ")
        + "]";
  }
}
