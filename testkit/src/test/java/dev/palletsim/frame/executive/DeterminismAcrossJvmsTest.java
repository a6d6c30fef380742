package dev.palletsim.frame.executive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import dev.palletsim.testkit.OtherJvm;
import io.vavr.collection.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same seed and calls give the same state hash in a different JVM, one whose identity hash
 * codes are all equal ({@code -XX:hashCode=2}): nothing in the state or its hash may depend on
 * identity hashes or on the order of a hash-based collection.
 */
class DeterminismAcrossJvmsTest {

  /** A scripted run: random transfers, key changes and session rotations from one seed. */
  static String run(long seed) {
    Chain chain =
        MockRuntime.builder()
            .seed(seed)
            .authorities(List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE))
            .start();
    Random rng = new Random(seed);
    for (int b = 0; b < 60; b++) {
      for (int i = 0; i < 4; i++) {
        var from = Dev.ALL.get(rng.nextInt(6));
        var to =
            rng.nextInt(8) == 0
                ? Dev.account("new-" + rng.nextInt(20))
                : Dev.ALL.get(rng.nextInt(6));
        chain.dispatch(from, new BalancesCall.TransferAllowDeath(to, 1 + rng.nextInt(1_000_000)));
      }
      if (rng.nextInt(10) == 0) {
        chain.dispatch(Dev.DAVE, new SessionCall.SetKeys(new SessionKeys(Dev.account("k" + b))));
      }
      chain.nextBlock();
    }
    return chain.world().stateHashHex() + "/" + chain.lastBlock().stateHash();
  }

  public static void main(String[] args) {
    System.out.println(run(Long.parseLong(args[0])));
  }

  @Test
  void anotherJvmWithConstantIdentityHashesReachesTheSameStateHash() throws Exception {
    String here = run(99);
    String there = OtherJvm.lastLine(DeterminismAcrossJvmsTest.class, "99");
    assertThat(there).isEqualTo(here);
    assertThat(run(100)).isNotEqualTo(here);
  }
}
