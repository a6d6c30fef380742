package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * A kept PoSt's own logic: the sectors it proved per partition, the replicas a dispute verifies
 * (kept sealed CIDs first, the records' otherwise) and which sealed CIDs it keeps.
 */
class WindowedPoStTest {
  static Cid cid(String label) {
    return Commitments.sealedSector(Commitments.piece(label), new byte[32], new byte[32], 0);
  }

  /** Partition 0 proved sectors 4 and 5, partition 1 proved sectors 1 to 3. */
  static final WindowedPoSt POST =
      WindowedPoSt.accepted(
          7,
          TreeMap.of(0, BitField.of(4, 5), 1, BitField.range(1, 4)),
          ProofBytes.of(new byte[] {1, 2, 3}),
          new PowerPair(5, 5));

  @Test
  void itCoversTheSectorsOfEveryPartition() {
    assertThat(POST.sectors()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(POST.sectorCount()).isEqualTo(5);
    assertThat(POST.proved(3)).isTrue();
    assertThat(POST.proved(6)).isFalse();
    assertThat(POST.keptSealedCids()).isEmpty();
  }

  @Test
  void itsReplicasAreOrderedBySectorNumberAcrossPartitionsAndPreferWhatItKept() {
    Cid kept = cid("proven-2");
    WindowedPoSt p = POST.keeping(List.of(new Replica(2, kept)));
    // the records' sealed CIDs, one per sector number, as a dispute would read them
    Vector<Replica> replicas = p.replicas(n -> cid("record-" + n));
    assertThat(replicas)
        .containsExactly(
            new Replica(1, cid("record-1")),
            new Replica(2, kept),
            new Replica(3, cid("record-3")),
            new Replica(4, cid("record-4")),
            new Replica(5, cid("record-5")));
  }

  @Test
  void itKeepsOnlyTheSealedCidsOfSectorsItProvedAndOnlyTheFirst() {
    Cid first = cid("first");
    Cid second = cid("second");
    WindowedPoSt p = POST.keeping(List.of(new Replica(4, first), new Replica(9, first)));
    assertThat(p.keptSealedCids()).isEqualTo(TreeMap.of(4L, first));
    // a later change of the same sector does not replace the replica proven
    WindowedPoSt again = p.keeping(List.of(new Replica(4, second)));
    assertThat(again).isSameAs(p);
    // nothing it proved: the very same PoSt, so the caller writes nothing
    assertThat(POST.keeping(List.of(new Replica(9, first)))).isSameAs(POST);
    assertThat(POST.keeping(List.empty())).isSameAs(POST);
  }

  @Test
  void submissionsKeepTheSealedCidsInTheOpenWindowsPoStsAndTheDisputableOnes() {
    WindowedPoSt other =
        WindowedPoSt.accepted(
            7, TreeMap.of(2, BitField.of(8)), ProofBytes.of(new byte[] {4}), new PowerPair(1, 1));
    PoStSubmissions s = PoStSubmissions.EMPTY.withRecorded(POST).closed().withRecorded(other);
    Cid c8 = cid("8");
    Cid c1 = cid("1");
    PoStSubmissions kept = s.keeping(List.of(new Replica(8, c8), new Replica(1, c1)));
    assertThat(kept.current().single().keptSealedCids()).isEqualTo(TreeMap.of(8L, c8));
    assertThat(kept.snapshot().get(0).get().keptSealedCids()).isEqualTo(TreeMap.of(1L, c1));
    assertThat(s.keeping(List.of(new Replica(6, c1)))).isSameAs(s);
  }
}
