package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/record_skipped_faults.rs} on {@link Partition}: sectors
 * 1–6 proven with expirations 2, 3, 7, 8, 11, 13, quantised to {@code 4k + 1}, fault expiration
 * 100. The pallet checks that skipped sectors belong to the partition before calling {@link
 * Partition#recordFaults} (a typed {@code SectorNotInPartition}); the partition itself refuses
 * them.
 */
class RecordSkippedFaultsPortTest {
  static final QuantSpec QUANT = new QuantSpec(4, 1);
  static final long EXP = 100;

  static Partition setup() {
    TreeMap<Long, Long> sectors = TreeMap.of(1L, 2L, 2L, 3L, 3L, 7L, 4L, 8L, 5L, 11L, 6L, 13L);
    Partition p = Partition.EMPTY.addProvenSectors(sectors, QUANT);
    assertThat(p.active()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(p.unproven()).isEmpty();
    return p;
  }

  @Test
  void failIfAllDeclaredSectorsAreNotInThePartition() {
    Partition p = setup();
    TreeSet<Long> skipped = TreeSet.rangeClosed(1L, 99L);
    assertThatThrownBy(() -> p.recordFaults(skipped, EXP, QUANT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void alreadyFaultyAndTerminatedSectorsAreIgnored() {
    Partition p = setup().terminate(TreeSet.of(1L, 2L)).partition();
    assertThat(p.terminated()).containsExactly(1L, 2L);
    p = p.recordFaults(TreeSet.of(4L, 5L), 7, QUANT).partition();
    assertThat(p.faults()).containsExactly(4L, 5L);
    Partition.FaultsRecorded r = p.recordFaults(TreeSet.of(1L, 2L, 3L, 4L, 5L), EXP, QUANT);
    assertThat(r.retractedRecoveries()).isEmpty();
    // only sector 3 is a new fault, and it was active: it loses its power
    assertThat(r.newFaults()).containsExactly(3L);
    assertThat(r.lostPower()).containsExactly(3L);
    assertThat(r.partition().faults()).containsExactly(3L, 4L, 5L);
    assertThat(r.partition().recoveries()).isEmpty();
    assertThat(r.partition().terminated()).containsExactly(1L, 2L);
    assertThat(r.partition().inconsistency()).isEmpty();
  }

  @Test
  void recoveriesAreRetractedWithoutBeingMarkedAsNewFaultyPower() {
    Partition p = setup().recordFaults(TreeSet.of(4L, 5L, 6L), 7, QUANT).partition();
    p = p.declareRecoveries(TreeSet.of(4L, 5L));
    assertThat(p.faults()).containsExactly(4L, 5L, 6L);
    assertThat(p.recoveries()).containsExactly(4L, 5L);
    Partition.FaultsRecorded r = p.recordFaults(TreeSet.of(1L, 4L, 5L), EXP, QUANT);
    // only 1 is new faulty power; 4 and 5 were recovering and are retracted
    assertThat(r.newFaults()).containsExactly(1L);
    assertThat(r.lostPower()).containsExactly(1L);
    assertThat(r.retractedRecoveries()).containsExactly(4L, 5L);
    assertThat(r.partition().faults()).containsExactly(1L, 4L, 5L, 6L);
    assertThat(r.partition().recoveries()).isEmpty();
    assertThat(r.partition().inconsistency()).isEmpty();
  }

  @Test
  void successfulWhenSkippedFaultSetIsEmpty() {
    Partition p = setup();
    Partition.FaultsRecorded r = p.recordFaults(TreeSet.empty(), EXP, QUANT);
    assertThat(r.newFaults()).isEmpty();
    assertThat(r.lostPower()).isEmpty();
    assertThat(r.retractedRecoveries()).isEmpty();
    assertThat(r.partition()).isEqualTo(p);
  }
}
