package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.BitField;
import io.vavr.collection.HashSet;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/** The partition's sets and power bookkeeping (sector size 2048, grid of last blocks 46 + 60k). */
class PartitionTest {
  static final QuantSpec Q = new QuantSpec(60, 46);
  static final long SIZE = 2048;
  static final TreeMap<Long, Long> EXPIRATIONS = TreeMap.of(1L, 300L, 2L, 300L, 3L, 500L);

  static Partition fresh() {
    return Partition.EMPTY.addSectors(EXPIRATIONS, Q);
  }

  static Partition proven() {
    return fresh().recordProven(TreeMap.empty(), Q).partition();
  }

  @Test
  void newSectorsAreLiveAndUnprovenWithoutPower() {
    Partition p = fresh();
    assertThat(p.live()).containsExactly(1L, 2L, 3L);
    assertThat(p.unproven()).containsExactly(1L, 2L, 3L);
    assertThat(p.activePower(SIZE)).isZero();
    assertThat(p.unprovenPower(SIZE)).isEqualTo(3 * SIZE);
    assertThat(p.toProve()).containsExactly(1L, 2L, 3L);
    assertThat(p.inconsistency()).isEmpty();
  }

  @Test
  void theFirstPoStActivatesUnprovenSectors() {
    Partition.Proven r = fresh().recordProven(TreeMap.empty(), Q);
    assertThat(r.activated()).containsExactly(1L, 2L, 3L);
    assertThat(r.recovered()).isEmpty();
    assertThat(r.partition().activePower(SIZE)).isEqualTo(3 * SIZE);
  }

  @Test
  void declaredFaultsLosePowerAreExemptFromTheFirstContinuedFeeAndGoEarly() {
    Partition.FaultsRecorded r = proven().declareFaults(HashSet.of(1L, 3L), 200, Q);
    assertThat(r.newFaults()).containsExactly(1L, 3L);
    assertThat(r.lostPower()).containsExactly(1L, 3L);
    Partition p = r.partition();
    assertThat(p.activePower(SIZE)).isEqualTo(SIZE);
    assertThat(p.faultyPower(SIZE)).isEqualTo(2 * SIZE);
    assertThat(p.prepaidFaults()).containsExactly(1L, 3L);
    // fault expiration 200 → 226: both expire later (346 and 526), so both go early at 226
    assertThat(p.expirations().isEarly(3)).isTrue();
    assertThat(p.expirations().isEarly(1)).isTrue();
    assertThat(p.toProve()).containsExactly(2L);
    assertThat(p.inconsistency()).isEmpty();
  }

  @Test
  void declaringAnUnprovenSectorFaultyRemovesNoPower() {
    Partition.FaultsRecorded r = fresh().declareFaults(HashSet.of(2L), 200, Q);
    assertThat(r.newFaults()).containsExactly(2L);
    assertThat(r.lostPower()).isEmpty();
    assertThat(r.partition().unproven()).containsExactly(1L, 3L);
  }

  @Test
  void redeclaringARecoveringSectorRetractsTheRecoveryWithoutANewFault() {
    Partition p = proven().declareFaults(HashSet.of(1L), 200, Q).partition();
    p = p.declareRecoveries(HashSet.of(1L));
    Partition.FaultsRecorded r = p.declareFaults(HashSet.of(1L), 260, Q);
    assertThat(r.newFaults()).isEmpty();
    assertThat(r.retractedRecoveries()).containsExactly(1L);
    assertThat(r.partition().recoveries()).isEmpty();
    assertThat(r.partition().faults()).containsExactly(1L);
  }

  @Test
  void recoveriesMustBeFaultyAndRecoverOnlyAtTheNextPoSt() {
    assertThatThrownBy(() -> proven().declareRecoveries(HashSet.of(1L)))
        .isInstanceOf(IllegalArgumentException.class);
    Partition faulty = proven().declareFaults(HashSet.of(3L), 200, Q).partition();
    Partition recovering = faulty.declareRecoveries(HashSet.of(3L));
    assertThat(recovering.activePower(SIZE)).isEqualTo(2 * SIZE);
    assertThat(recovering.recoveringPower(SIZE)).isEqualTo(SIZE);
    assertThat(recovering.toProve()).containsExactly(1L, 2L, 3L);
    Partition.Proven r = recovering.recordProven(TreeMap.of(3L, 500L), Q);
    assertThat(r.recovered()).containsExactly(3L);
    assertThat(r.partition().activePower(SIZE)).isEqualTo(3 * SIZE);
    assertThat(r.partition().expirations()).isEqualTo(proven().expirations());
    assertThat(r.partition().prepaidFaults()).isEmpty();
  }

  @Test
  void aMissedPoStMakesEveryLiveSectorFaultyAndFailsRecoveries() {
    Partition p = proven().declareFaults(HashSet.of(1L), 200, Q).partition();
    p = p.declareRecoveries(HashSet.of(1L));
    Partition.FaultsRecorded r = p.recordMissedPoSt(300, Q);
    assertThat(r.newFaults()).containsExactly(2L, 3L);
    assertThat(r.lostPower()).containsExactly(2L, 3L);
    assertThat(r.retractedRecoveries()).containsExactly(1L);
    assertThat(r.partition().faults()).containsExactly(1L, 2L, 3L);
    assertThat(r.partition().recoveries()).isEmpty();
    assertThat(r.partition().prepaidFaults()).containsExactly(1L);
    assertThat(r.partition().clearPrepaid().prepaidFaults()).isEmpty();
    assertThat(r.partition().inconsistency()).isEmpty();
  }

  @Test
  void aMissedFirstPoStFaultsUnprovenSectorsWithoutRemovingPower() {
    Partition.FaultsRecorded r = fresh().recordMissedPoSt(300, Q);
    assertThat(r.newFaults()).containsExactly(1L, 2L, 3L);
    assertThat(r.lostPower()).isEmpty();
    assertThat(r.partition().unproven()).isEmpty();
  }

  @Test
  void terminationRemovesOnlyActivePowerAndLeavesTheQueue() {
    Partition p = proven().declareFaults(HashSet.of(3L), 200, Q).partition();
    Partition.Removed r = p.terminate(HashSet.of(2L, 3L));
    assertThat(r.lostPower()).containsExactly(2L);
    assertThat(r.partition().live()).containsExactly(1L);
    assertThat(r.partition().terminated()).containsExactly(2L, 3L);
    assertThat(r.partition().expirations().allSectors()).containsExactly(1L);
    assertThat(r.partition().inconsistency()).isEmpty();
    assertThatThrownBy(() -> r.partition().terminate(HashSet.of(2L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expirationsPopOnTimeAndEarly() {
    Partition p = proven().declareFaults(HashSet.of(3L), 200, Q).partition();
    Partition.Expired early = p.popExpired(226);
    assertThat(early.onTime()).isEmpty();
    assertThat(early.early()).containsExactly(3L);
    assertThat(early.lostPower()).isEmpty();
    Partition.Expired onTime = early.partition().popExpired(346);
    assertThat(onTime.onTime()).containsExactly(1L, 2L);
    assertThat(onTime.lostPower()).containsExactly(1L, 2L);
    assertThat(onTime.partition().live()).isEmpty();
    assertThat(onTime.partition().terminated()).containsExactly(1L, 2L, 3L);
    assertThat(onTime.partition().inconsistency()).isEmpty();
  }

  @Test
  void inconsistencyReportsBrokenSets() {
    Partition p = proven();
    Partition recoveringButHealthy =
        new Partition(
            p.sectors(),
            p.unproven(),
            p.faults(),
            BitField.of(1L),
            p.terminated(),
            p.prepaidFaults(),
            p.expirations());
    assertThat(recoveringButHealthy.inconsistency()).isNotEmpty();
    Partition unqueued =
        new Partition(
            p.sectors(),
            p.unproven(),
            p.faults(),
            p.recoveries(),
            p.terminated(),
            p.prepaidFaults(),
            ExpirationQueue.EMPTY);
    assertThat(unqueued.inconsistency()).isNotEmpty();
  }
}
