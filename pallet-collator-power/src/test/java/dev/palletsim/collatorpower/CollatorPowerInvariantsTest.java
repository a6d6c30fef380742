package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.CollatorPowerStorage.COLLATOR_BACKERS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.MINER_CLAIMS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.POWER_LOCKS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.TOTAL_BACKING;
import static dev.palletsim.collatorpower.CollatorPowerStorage.UNLOCK_QUEUE;
import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.C3;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CollatorPowerInvariantsTest {
  private static final CollatorPowerConfig CONFIG = CollatorPowerConfig.testnet();

  /** Alice backs C1 and C2, Bob backs C1; C3 was slashed with Bob's power on it (locked). */
  private static World healthy() {
    PowerHarness h =
        PowerHarness.with(CONFIG)
            .minerWithPower(Dev.ALICE, 10 * MIN)
            .minerWithPower(Dev.BOB, 10 * MIN)
            .delegated(Dev.ALICE, C1, 3 * MIN)
            .delegated(Dev.ALICE, C2, 2 * MIN)
            .delegated(Dev.BOB, C1, 2 * MIN)
            .delegated(Dev.BOB, C3, 4 * MIN);
    h.removeCollator(C3, CollatorRemoval.Slashed);
    h.chain.nextBlock();
    return h.chain.world();
  }

  private static World corrupt(World world, Consumer<Tx> edit) {
    Tx tx = Tx.begin(world, new BlockContext(2, 0, 0, Option.none(), H256.ZERO), new WeightMeter());
    edit.accept(tx);
    return tx.commit();
  }

  /** The names of the invariants {@code world} violates. */
  private static Seq<String> violated(World world, CollatorPowerConfig config) {
    return CollatorPowerInvariants.of(config)
        .filter(i -> i.check(world).isDefined())
        .map(Invariant::name);
  }

  private static Seq<String> violated(World world) {
    return violated(world, CONFIG);
  }

  @Test
  void aHealthyStateViolatesNothing() {
    World w = healthy();
    assertThat(violated(w)).isEmpty();
    assertThat(POWER_LOCKS.countOf(w, Dev.BOB)).isEqualTo(1);
  }

  @Test
  void delegationsBeyondRawPowerAreCaught() {
    World w =
        corrupt(
            healthy(),
            tx ->
                MINER_CLAIMS.insert(
                    tx, Dev.ALICE, MINER_CLAIMS.get(tx, Dev.ALICE).withRawBytePower(5 * MIN - 1)));
    // the corruption also breaks the network totals, which follow the claims' raw power
    assertThat(violated(w))
        .hasSize(2)
        .anyMatch(v -> v.contains("≤ raw power"))
        .anyMatch(v -> v.contains("network totals"));
  }

  @Test
  void lockedPowerCountsAgainstRawPower() {
    World w =
        corrupt(
            healthy(),
            tx ->
                MINER_CLAIMS.insert(
                    tx, Dev.BOB, MINER_CLAIMS.get(tx, Dev.BOB).withRawBytePower(6 * MIN - 1)));
    // the corruption also breaks the network totals, which follow the claims' raw power
    assertThat(violated(w))
        .hasSize(2)
        .anyMatch(v -> v.contains("≤ raw power"))
        .anyMatch(v -> v.contains("network totals"));
  }

  @Test
  void networkTotalsThatDisagreeWithTheClaimsAreCaught() {
    World w =
        corrupt(
            healthy(),
            tx -> CollatorPowerStorage.NETWORK_POWER.put(tx, new NetworkPower(1, 1, 2, 2)));
    assertThat(violated(w)).singleElement().asString().contains("network totals");
  }

  @Test
  void anIndexEntryThatDisagreesWithTheClaimIsCaught() {
    World w = corrupt(healthy(), tx -> COLLATOR_BACKERS.insert(tx, C1, Dev.ALICE, 3 * MIN + 1));
    assertThat(violated(w)).singleElement().asString().contains("index");
  }

  @Test
  void aClaimDelegationMissingFromTheIndexIsCaught() {
    World w = corrupt(healthy(), tx -> COLLATOR_BACKERS.remove(tx, C2, Dev.ALICE));
    assertThat(violated(w)).singleElement().asString().contains("index");
  }

  @Test
  void aWrongCollatorTotalIsCaught() {
    World w = corrupt(healthy(), tx -> TOTAL_BACKING.insert(tx, C1, 5 * MIN + 1));
    assertThat(violated(w)).singleElement().asString().contains("index");
    World stray = corrupt(healthy(), tx -> TOTAL_BACKING.insert(tx, C3, 1L));
    assertThat(violated(stray)).singleElement().asString().contains("index");
  }

  @Test
  void aDelegationOrLockOfAnUnregisteredMinerIsCaught() {
    World w = corrupt(healthy(), tx -> MINER_CLAIMS.remove(tx, Dev.BOB));
    assertThat(violated(w)).anyMatch(n -> n.contains("registered miner"));
  }

  @Test
  void aNonPositiveStakeIsCaught() {
    World w =
        corrupt(
            healthy(),
            tx -> {
              MinerClaim c = MINER_CLAIMS.get(tx, Dev.ALICE);
              MINER_CLAIMS.insert(
                  tx, Dev.ALICE, new MinerClaim(c.rawBytePower(), c.stakedPower().put(C3, -1L)));
            });
    assertThat(violated(w)).anyMatch(n -> n.contains("negative"));
  }

  @Test
  void anUnqueuedOrOverdueLockIsCaught() {
    World unqueued = corrupt(healthy(), tx -> UNLOCK_QUEUE.remove(tx, 1 + 20L));
    assertThat(violated(unqueued)).singleElement().asString().contains("queued");
    World overdue =
        corrupt(
            healthy(),
            tx -> {
              POWER_LOCKS.removePrefix(tx, Dev.BOB);
              POWER_LOCKS.insert(tx, Dev.BOB, new PowerLockKey(1, C3), 4 * MIN);
              UNLOCK_QUEUE.remove(tx, 21L);
              UNLOCK_QUEUE.insert(tx, 1L, io.vavr.collection.TreeSet.of(Dev.BOB));
            });
    assertThat(violated(overdue)).singleElement().asString().contains("queued");
  }

  @Test
  void exceedingTheBoundsIsCaught() {
    CollatorPowerConfig tight =
        CollatorPowerConfig.builder().from(CONFIG).maxDelegationsPerMiner(1).build();
    assertThat(violated(healthy(), tight)).singleElement().asString().contains("bounds");
  }

  @Test
  void aSeededWorkloadNeverBreaksAnInvariant() {
    PowerHarness h = PowerHarness.testnet();
    List<AccountId> miners = List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE, Dev.DAVE);
    List<AccountId> collators = List.of(C1, C2, C3, PowerHarness.C4, PowerHarness.C5);
    for (AccountId m : miners) h.minerWithPower(m, 20 * MIN);
    SplittableRandom rnd = new SplittableRandom(42);
    TreeMap<String, Integer> succeeded = TreeMap.empty();
    for (int block = 0; block < 150; block++) {
      for (int op = 0; op < 4; op++) {
        AccountId m = miners.get(rnd.nextInt(miners.size()));
        AccountId c = collators.get(rnd.nextInt(collators.size()));
        AccountId d = collators.get(rnd.nextInt(collators.size()));
        long amount = MIN / 2 + rnd.nextLong(6 * MIN);
        int kind = rnd.nextInt(7);
        DispatchOutcome out =
            switch (kind) {
              case 0, 1 -> h.delegate(m, c, amount);
              case 2 -> h.undelegate(m, c, rnd.nextBoolean() ? h.stake(m, c) : amount);
              case 3 -> h.redelegate(m, c, d, rnd.nextBoolean() ? h.stake(m, c) : amount);
              case 4 -> h.updatePower(m, rnd.nextLong(-h.claim(m).rawBytePower(), 8 * MIN));
              case 5 ->
                  h.removeCollator(
                      c, CollatorRemoval.values()[rnd.nextInt(CollatorRemoval.values().length)]);
              default -> {
                h.candidates.add(c);
                yield h.delegate(m, c, amount);
              }
            };
        if (out.isSuccess())
          succeeded = succeeded.put("kind" + kind, succeeded.getOrElse("kind" + kind, 0) + 1);
      }
      h.chain.nextBlock(); // every invariant is checked here
    }
    assertThat(succeeded.keySet()).hasSize(7);
    assertThat(violated(h.chain.world())).isEmpty();
  }
}
