package dev.palletsim.collatorselection;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;

/** Fixtures for the auction tests: named candidates with powers, and streams of fixed seeds. */
final class Bids {
  private Bids() {}

  /** The keyring account {@code candidate-i}. */
  static AccountId candidate(int i) {
    return Keyring.account("candidate-" + i);
  }

  /** Candidates 0, 1, … with the given powers, in that order. */
  static Vector<Bid> of(long... powers) {
    Vector<Bid> out = Vector.empty();
    for (int i = 0; i < powers.length; i++) out = out.append(new Bid(candidate(i), powers[i]));
    return out;
  }

  /** {@code count} auction seeds from a fixed generator: the same in every run. */
  static long[] seeds(long generatorSeed, int count) {
    SplittableRandom random = new SplittableRandom(generatorSeed);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) out[i] = random.nextLong();
    return out;
  }
}
