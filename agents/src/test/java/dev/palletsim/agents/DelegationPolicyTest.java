package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelegationPolicyTest {
  static final AccountId A = Keyring.account("dp-a");
  static final AccountId B = Keyring.account("dp-b");
  static final AccountId C = Keyring.account("dp-c");
  static final List<AccountId> CANDIDATES = List.of(A, B, C).sorted();
  static final DelegationPolicy.Limits LIMITS = new DelegationPolicy.Limits(100, 8);

  @Test
  void noneChoosesNobody() {
    assertThat(
            new DelegationPolicy.None().choose(CANDIDATES, List.empty(), new SplittableRandom(1)))
        .isEmpty();
  }

  @Test
  void splitKeepsTheGivenOrderAndSkipsCollatorsThatAreNotCandidates() {
    AccountId stranger = Keyring.account("dp-stranger");
    var p = new DelegationPolicy.Split(List.of(C, stranger, A, C));
    assertThat(p.choose(CANDIDATES, List.empty(), new SplittableRandom(1))).containsExactly(C, A);
  }

  @Test
  void randomKKeepsItsChoiceWhileItStaysACandidate() {
    var p = new DelegationPolicy.RandomK(2);
    var first = p.choose(CANDIDATES, List.empty(), new SplittableRandom(3));
    assertThat(first).hasSize(2).doesNotHaveDuplicates().isSubsetOf(CANDIDATES);
    for (long seed = 0; seed < 10; seed++) {
      assertThat(p.choose(CANDIDATES, first, new SplittableRandom(seed))).isEqualTo(first);
    }
    AccountId gone = first.get(0);
    var next = p.choose(CANDIDATES.remove(gone), first, new SplittableRandom(5));
    assertThat(next).hasSize(2).contains(first.get(1)).doesNotContain(gone);
  }

  @Test
  void randomKDrawsDifferentCandidatesWithDifferentStreams() {
    var p = new DelegationPolicy.RandomK(1);
    var chosen =
        Vector.range(0, 30)
            .map(s -> p.choose(CANDIDATES, List.empty(), new SplittableRandom(s)).head());
    assertThat(chosen.distinct()).hasSize(3);
  }

  @Test
  void everyoneBacksEveryCandidateInAccountOrder() {
    assertThat(
            new DelegationPolicy.Everyone()
                .choose(List.of(C, A, B), List.empty(), new SplittableRandom(1)))
        .containsExactlyElementsOf(CANDIDATES);
  }

  @Test
  void powerIsSplitEvenlyWithTheRemainderToTheFirst() {
    var t = DelegationPolicy.split(1_001, List.of(B, A), LIMITS);
    assertThat(t.get(B)).contains(501L);
    assertThat(t.get(A)).contains(500L);
  }

  @Test
  void noShareFallsBelowTheMinimumDelegationNorBeyondTheMaximumCount() {
    assertThat(DelegationPolicy.split(250, List.of(A, B, C), LIMITS).keySet())
        .containsExactlyInAnyOrder(A, B);
    assertThat(DelegationPolicy.split(99, List.of(A, B, C), LIMITS)).isEmpty();
    assertThat(DelegationPolicy.split(1_000, List.of(A, B, C), new DelegationPolicy.Limits(1, 1)))
        .containsExactly(io.vavr.Tuple.of(A, 1_000L));
  }

  @Test
  void movesUndelegateFirstAndReachTheTargetExactly() {
    TreeMap<AccountId, Long> current = TreeMap.of(A, 600L, B, 400L);
    TreeMap<AccountId, Long> target = TreeMap.of(B, 500L, C, 700L);
    var moves = DelegationPolicy.moves(current, target);
    assertThat(moves.head()).isEqualTo(new CollatorPowerCall.Undelegate(A, 600));
    assertThat(moves.tail())
        .containsExactlyInAnyOrder(
            new CollatorPowerCall.DelegatePower(B, 100),
            new CollatorPowerCall.DelegatePower(C, 700));
    assertThat(DelegationPolicy.moves(target, target)).isEmpty();
  }

  @Test
  void policiesAreNamedAsInScenarioFiles() {
    assertThat(DelegationPolicy.named("none", List.empty(), 1))
        .isInstanceOf(DelegationPolicy.None.class);
    assertThat(DelegationPolicy.named("split", List.of(A), 1).name()).isEqualTo("split");
    assertThat(DelegationPolicy.named("random-k", List.empty(), 2))
        .isEqualTo(new DelegationPolicy.RandomK(2));
    assertThat(DelegationPolicy.named("everyone", List.empty(), 1).name()).isEqualTo("everyone");
    assertThatThrownBy(() -> DelegationPolicy.named("split", List.empty(), 1))
        .hasMessageContaining("delegate-to");
    assertThatThrownBy(() -> DelegationPolicy.named("random-k", List.empty(), 0))
        .hasMessageContaining("k ≥ 1");
    assertThatThrownBy(() -> DelegationPolicy.named("all", List.empty(), 1))
        .hasMessageContaining("none, split, random-k or everyone");
  }
}
