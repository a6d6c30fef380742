package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** The deadline summary, its expiration index and the assignment of sectors to deadlines. */
class DeadlineTest {

  @Test
  void sectorsFillTheLastPartitionBeforeOpeningANewOne() {
    Deadline d = Deadline.EMPTY.withSectorsAdded(3, 2);
    assertThat(d.partitionCount()).isEqualTo(2);
    assertThat(d.placement(3, 2)).containsExactly(1, 2, 2);
    assertThat(d.withSectorsAdded(3, 2).partitionCount()).isEqualTo(3);
    assertThat(d.withSectorsAdded(3, 2).liveSectors()).isEqualTo(6);
    assertThat(d.withSectorsAdded(3, 2).withSectorsRemoved(4).liveSectors()).isEqualTo(2);
  }

  @Test
  void severalPartitionsExpiringAtTheSameBlockAreAllPopped() {
    Deadline d =
        Deadline.EMPTY
            .withExpirations(List.of(106L), 0)
            .withExpirations(List.of(106L), 1)
            .withExpirations(List.of(106L, 166L), 2);
    var popped = d.popExpirationsUntil(106);
    assertThat(popped._2).containsExactly(0, 1, 2);
    assertThat(popped._1.expirationBlocks().keySet()).containsExactly(166L);
    assertThat(d.popExpirationsUntil(105)._2).isEmpty();
  }

  @Test
  void postsAreClearedWhenTheWindowCloses() {
    Deadline d = Deadline.EMPTY.withSectorsAdded(4, 2).withPosted(1);
    assertThat(d.isPosted(1)).isTrue();
    assertThat(d.isPosted(0)).isFalse();
    assertThat(d.withPostsCleared().isPosted(1)).isFalse();
  }

  @Test
  void assignmentSpreadsSectorsThenFillsOpenPartitions() {
    var loads =
        List.of(
            new DeadlineAssignment.Load(2, 0, 0),
            new DeadlineAssignment.Load(5, 1, 1),
            new DeadlineAssignment.Load(7, 4, 2));
    // 1st: 2 and 5 would both have one partition; 5's is open, so 5 (now full).
    // 2nd, 3rd: 2 has the fewest partitions after adding (1, then its open one).
    // 4th: 2 and 5 would both have two partitions, none open, equal live sectors: lower index.
    Vector<Integer> chosen = DeadlineAssignment.assign(loads, 4, 2, 3000).get();
    assertThat(chosen).containsExactly(5, 2, 2, 2);
  }

  @Test
  void assignmentRespectsTheMaximumPartitionsAndFailsWhenFull() {
    var loads = List.of(new DeadlineAssignment.Load(0, 3, 3), new DeadlineAssignment.Load(1, 4, 4));
    assertThat(DeadlineAssignment.assign(loads, 1, 2, 2).get()).containsExactly(0);
    assertThat(DeadlineAssignment.assign(loads, 2, 2, 2)).isEmpty();
    assertThat(DeadlineAssignment.assign(List.empty(), 1, 2, 2)).isEmpty();
  }

  @Test
  void assignmentPrefersFewerLiveSectorsThenTheLowerIndex() {
    var loads =
        List.of(
            new DeadlineAssignment.Load(3, 4, 4),
            new DeadlineAssignment.Load(1, 4, 1),
            new DeadlineAssignment.Load(0, 4, 4));
    assertThat(DeadlineAssignment.assign(loads, 1, 2, 10).get()).containsExactly(1);
    var tied = List.of(new DeadlineAssignment.Load(3, 0, 0), new DeadlineAssignment.Load(1, 0, 0));
    assertThat(DeadlineAssignment.assign(tied, 1, 2, 10).get()).containsExactly(1);
  }
}
