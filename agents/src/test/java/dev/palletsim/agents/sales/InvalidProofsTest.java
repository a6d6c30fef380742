package dev.palletsim.agents.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.sim.SimRandom;
import org.junit.jupiter.api.Test;

/** Which proofs a provider makes invalid: every N-th, or each with a probability, or none. */
class InvalidProofsTest {
  @Test
  void everyNthProofOfAKindIsInvalidCountedPerKind() {
    var proofs =
        new InvalidProofs(
            new InvalidProofs.Settings(
                new InvalidProofs.Policy(3, 0), new InvalidProofs.Policy(2, 0)));
    SimRandom random = new SimRandom(1);
    StringBuilder poreps = new StringBuilder();
    StringBuilder posts = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      poreps.append(proofs.nextPoRepInvalid(random) ? 'x' : '.');
      posts.append(proofs.nextPoStInvalid(random) ? 'x' : '.');
    }
    assertThat(poreps).hasToString("..x..x.");
    assertThat(posts).hasToString(".x.x.x.");
    assertThat(proofs.memory()).isEqualTo(new InvalidProofs.Memory(7, 7));
    // every N-th draws nothing from the agent's stream
    assertThat(random.seed()).isEqualTo(new SimRandom(1).seed());
  }

  @Test
  void withoutInvalidProofsNothingIsDrawnAndEveryProofIsValid() {
    var proofs = new InvalidProofs(InvalidProofs.Settings.NONE);
    SimRandom random = new SimRandom(5);
    for (int i = 0; i < 100; i++) {
      assertThat(proofs.nextPoRepInvalid(random)).isFalse();
      assertThat(proofs.nextPoStInvalid(random)).isFalse();
    }
    assertThat(random.seed()).isEqualTo(new SimRandom(5).seed());
    assertThat(proofs.simulatesPoStFailures()).isFalse();
  }

  @Test
  void aProbabilityMakesThatShareOfProofsInvalid() {
    // 20,000 draws at p = 0.3: the standard deviation of the count is √(n p (1 − p)) ≈ 65, so
    // ±400 is more than six of them
    var proofs =
        new InvalidProofs(
            new InvalidProofs.Settings(
                InvalidProofs.Policy.NEVER, new InvalidProofs.Policy(0, 0.3)));
    SimRandom random = new SimRandom(42);
    int invalid = 0;
    for (int i = 0; i < 20_000; i++) if (proofs.nextPoStInvalid(random)) invalid++;
    assertThat(invalid).isBetween(6_000 - 400, 6_000 + 400);
    assertThat(proofs.simulatesPoStFailures()).isTrue();
  }

  @Test
  void aSavedCountResumesTheSequence() {
    var settings =
        new InvalidProofs.Settings(new InvalidProofs.Policy(4, 0), InvalidProofs.Policy.NEVER);
    var first = new InvalidProofs(settings);
    SimRandom random = new SimRandom(1);
    for (int i = 0; i < 5; i++) first.nextPoRepInvalid(random);
    var resumed = new InvalidProofs(settings);
    resumed.restore(first.memory());
    // the 6th, 7th and 8th: the 8th is invalid in both
    for (int i = 6; i <= 8; i++) {
      assertThat(resumed.nextPoRepInvalid(random)).isEqualTo(first.nextPoRepInvalid(random));
    }
    assertThat(resumed.memory()).isEqualTo(new InvalidProofs.Memory(8, 0));
  }

  @Test
  void aPolicyIsEveryNthOrAProbabilityInRangeNeverBoth() {
    assertThatThrownBy(() -> new InvalidProofs.Policy(2, 0.5))
        .hasMessage("give every N-th proof or a probability, not both");
    assertThatThrownBy(() -> new InvalidProofs.Policy(-1, 0))
        .hasMessage("every N-th proof: N must not be negative");
    assertThatThrownBy(() -> new InvalidProofs.Policy(0, 1.5))
        .hasMessage("the probability must be between 0 and 1");
    assertThatThrownBy(() -> new InvalidProofs.Policy(0, Double.NaN))
        .hasMessage("the probability must be between 0 and 1");
    assertThat(new InvalidProofs.Policy(0, 0).active()).isFalse();
    assertThat(new InvalidProofs.Policy(0, 1).active()).isTrue();
  }
}
