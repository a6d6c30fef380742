package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.HashSet;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/** The expiration queue on a grid of last blocks 46, 106, 166 … (period 60). */
class ExpirationQueueTest {
  static final QuantSpec Q = new QuantSpec(60, 46);

  static ExpirationQueue queue() {
    return ExpirationQueue.EMPTY.addActive(TreeMap.of(1L, 50L, 2L, 106L, 3L, 107L, 4L, 200L), Q);
  }

  @Test
  void sectorsAreQueuedOnTimeAtTheirQuantisedExpiration() {
    ExpirationQueue q = queue();
    assertThat(q.blockOf(1)).contains(106L);
    assertThat(q.blockOf(2)).contains(106L);
    assertThat(q.blockOf(3)).contains(166L);
    assertThat(q.blockOf(4)).contains(226L);
    assertThat(q.entries().keySet().toJavaList()).containsExactly(106L, 166L, 226L);
  }

  @Test
  void faultsExpiringAfterTheFaultExpirationMoveToItsEarlySet() {
    ExpirationQueue q = queue().rescheduleAsFaults(HashSet.of(1L, 3L, 4L), 150, Q);
    // fault expiration 150 quantises to 166: sector 1 (106) stays on time, 4 (226) goes early,
    // 3 (166) is not after 166 and stays on time
    assertThat(q.isEarly(1)).isFalse();
    assertThat(q.isEarly(3)).isFalse();
    assertThat(q.isEarly(4)).isTrue();
    assertThat(q.blockOf(4)).contains(166L);
    assertThat(q.entries().get(166L).get().onTime()).containsExactly(3L);
    assertThat(q.entries().get(166L).get().early()).containsExactly(4L);
    assertThat(q.entries().containsKey(226L)).isFalse();
  }

  @Test
  void recoveredSectorsGoBackOnTime() {
    ExpirationQueue q =
        queue()
            .rescheduleAsFaults(HashSet.of(4L), 150, Q)
            .rescheduleRecovered(TreeMap.of(4L, 200L), Q);
    assertThat(q).isEqualTo(queue());
  }

  @Test
  void recoveringASectorThatStayedOnTimeChangesNothing() {
    ExpirationQueue q = queue().rescheduleAsFaults(HashSet.of(1L), 150, Q);
    assertThat(q.rescheduleRecovered(TreeMap.of(1L, 50L), Q)).isEqualTo(q);
  }

  @Test
  void removeFindsSectorsOnTimeAndEarly() {
    ExpirationQueue q =
        queue().rescheduleAsFaults(HashSet.of(4L), 150, Q).remove(HashSet.of(2L, 4L));
    assertThat(q.allSectors()).containsExactly(1L, 3L);
    assertThat(q.occurrences(4)).isZero();
  }

  @Test
  void popUntilTakesEveryEntryUpToTheBlockAndSeparatesEarlyFromOnTime() {
    ExpirationQueue q = queue().rescheduleAsFaults(HashSet.of(4L), 100, Q);
    ExpirationQueue.Popped popped = q.popUntil(106);
    assertThat(popped.onTime()).containsExactly(1L, 2L);
    assertThat(popped.early()).containsExactly(4L);
    assertThat(popped.queue().allSectors()).containsExactly(3L);
    assertThat(q.popUntil(105).onTime()).isEmpty();
  }

  @Test
  void manySectorsShareOneBlock() {
    TreeMap<Long, Long> exps = TreeMap.empty();
    for (long s = 0; s < 100; s++) exps = exps.put(s, 60 + s % 40);
    ExpirationQueue q = ExpirationQueue.EMPTY.addActive(exps, Q);
    assertThat(q.entries().size()).isEqualTo(1);
    assertThat(q.popUntil(106).onTime()).hasSize(100);
    assertThat(q.allSectors()).containsExactlyElementsOf(exps.keySet());
  }
}
