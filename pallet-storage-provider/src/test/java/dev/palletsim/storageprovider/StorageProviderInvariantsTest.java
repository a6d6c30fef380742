package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invariants hold on a healthy chain (the mock runtime checks them after every block of every
 * test) and each one catches the corruption it is about.
 */
class StorageProviderInvariantsTest {
  SpHarness h;
  Seq<Invariant> invariants;

  @BeforeEach
  void aProvenSectorAndAPreCommit() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2);
    h.proveDeadlineOf(Dev.ALICE, 1);
    SpHarness.require(h.preCommitCc(Dev.ALICE, 3));
    invariants = h.pallet.invariants();
  }

  World corrupted(Consumer<Tx> change) {
    Tx tx =
        Tx.begin(
            h.chain.world(),
            new BlockContext(h.now(), 0, 0, Option.none(), H256.ZERO),
            new WeightMeter());
    change.accept(tx);
    return tx.commit();
  }

  Seq<String> violations(World world) {
    return invariants.flatMap(i -> i.check(world).map(m -> i.name() + ": " + m));
  }

  void mutateState(Tx tx, java.util.function.UnaryOperator<StorageProviderState> f) {
    StorageProviderStorage.PROVIDERS.insert(
        tx, Dev.ALICE, f.apply(StorageProviderStorage.PROVIDERS.get(tx, Dev.ALICE)));
  }

  @Test
  void theyHoldOnAHealthyChain() {
    assertThat(violations(h.chain.world())).isEmpty();
  }

  @Test
  void reportedPowerDifferentFromTheActiveSectorsIsCaught() {
    World w =
        corrupted(
            tx ->
                mutateState(tx, st -> st.withPower(st.powerPair().add(new PowerPair(2048, 2048)))));
    assertThat(violations(w)).anyMatch(v -> v.contains("reported power"));
  }

  @Test
  void pledgeOrDepositNotMatchingTheSectorsIsCaught() {
    assertThat(violations(corrupted(tx -> mutateState(tx, st -> st.withInitialPledge(1)))))
        .anyMatch(v -> v.contains("pledge"));
    assertThat(violations(corrupted(tx -> mutateState(tx, st -> st.withPreCommitDeposits(0)))))
        .anyMatch(v -> v.contains("deposits"));
    assertThat(
            violations(
                corrupted(tx -> h.pallet.currency().unreserve(tx, Dev.ALICE, Long.MAX_VALUE))))
        .anyMatch(v -> v.contains("reserved"));
  }

  @Test
  void inconsistentPartitionSetsAreCaught() {
    SectorOnChainInfo s = h.sector(Dev.ALICE, 1);
    PartitionKey key = new PartitionKey(s.deadline(), s.partition());
    World w =
        corrupted(
            tx -> {
              Partition p = StorageProviderStorage.PARTITIONS.find(tx, Dev.ALICE, key).get();
              StorageProviderStorage.PARTITIONS.insert(
                  tx,
                  Dev.ALICE,
                  key,
                  new Partition(
                      p.sectors(),
                      p.unproven(),
                      p.faults(),
                      BitField.of(1L),
                      p.terminated(),
                      p.prepaidFaults(),
                      p.expirations()));
            });
    assertThat(violations(w)).anyMatch(v -> v.contains("recoveries ⊄ faults"));
    World missingSector = corrupted(tx -> StorageProviderStorage.SECTORS.remove(tx, Dev.ALICE, 2L));
    assertThat(violations(missingSector)).anyMatch(v -> v.contains("not stored"));
  }

  @Test
  void aProviderWithSectorsButNoCronOrAnUnindexedPreCommitIsCaught() {
    World noCron =
        corrupted(
            tx ->
                mutateState(
                    tx,
                    st ->
                        st.withDeadlineCron(st.provingPeriodStart(), st.currentDeadline(), false)));
    assertThat(violations(noCron)).anyMatch(v -> v.contains("no deadline cron"));
    World unindexed =
        corrupted(
            tx -> {
              for (var e : StorageProviderStorage.PRE_COMMIT_EXPIRIES.entries(tx)) {
                StorageProviderStorage.PRE_COMMIT_EXPIRIES.remove(tx, e._1);
              }
            });
    assertThat(violations(unindexed)).anyMatch(v -> v.contains("not indexed"));
  }

  /** Keeps {@code post} as a disputable PoSt of sector 1's deadline. */
  World keeping(WindowedPoSt post) {
    int dl = h.sector(Dev.ALICE, 1).deadline();
    return corrupted(
        tx ->
            StorageProviderStorage.POST_SUBMISSIONS.insert(
                tx, Dev.ALICE, dl, PoStSubmissions.EMPTY.withRecorded(post).closed()));
  }

  @Test
  void aKeptPoStThatCannotNameTheReplicaOfASectorItProvedIsCaught() {
    SectorOnChainInfo s = h.sector(Dev.ALICE, 1);
    TreeMap<Integer, BitField> proven = TreeMap.of(s.partition(), BitField.of(1L, 2L));
    WindowedPoSt post =
        WindowedPoSt.accepted(0, proven, ProofBytes.of(new byte[] {1}), PowerPair.ZERO);
    assertThat(violations(keeping(post))).isEmpty();
    // sector 2's record gone and its sealed CID not kept
    World w =
        corrupted(
            tx -> {
              StorageProviderStorage.SECTORS.remove(tx, Dev.ALICE, 2L);
              StorageProviderStorage.POST_SUBMISSIONS.insert(
                  tx, Dev.ALICE, s.deadline(), PoStSubmissions.EMPTY.withRecorded(post).closed());
            });
    assertThat(violations(w)).anyMatch(v -> v.contains("sector 2 with neither info nor replica"));
    // a sealed CID kept for a sector it never proved, or one the record still holds
    WindowedPoSt stray =
        new WindowedPoSt(0, proven, TreeMap.of(3L, s.sealedCid()), post.proof(), post.power());
    assertThat(violations(keeping(stray))).anyMatch(v -> v.contains("never proved"));
    WindowedPoSt same = post.keeping(List.of(new Replica(1, s.sealedCid())));
    assertThat(violations(keeping(same))).anyMatch(v -> v.contains("still has"));
  }
}
