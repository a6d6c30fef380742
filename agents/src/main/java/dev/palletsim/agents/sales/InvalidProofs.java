package dev.palletsim.agents.sales;

import java.util.random.RandomGenerator;

/**
 * Which proofs a storage provider makes invalid on purpose: seed 003's simulated proof failures
 * (nim-codex {@code simulateProofFailures}, "submits an invalid proof every N proofs", {@link
 * SaleProvingSimulated}), for the PoRep of prove-commit and for Window PoSt. Each kind fails every
 * N-th proof the provider submits, or each proof with a probability; an invalid proof is a valid
 * one with a byte flipped, so the chain's verifier rejects it ({@code InvalidProof}). With neither
 * set nothing is drawn from the agent's random stream.
 */
public final class InvalidProofs {
  /**
   * When proofs of one kind are invalid.
   *
   * @param every every N-th proof (0: by probability, or never)
   * @param probability the chance of each proof (0: never)
   */
  public record Policy(long every, double probability) {
    /** No proof invalid. */
    public static final Policy NEVER = new Policy(0, 0);

    /** Checks the policy: one of every and probability at most, each in range. */
    public Policy {
      if (every < 0) throw new IllegalArgumentException("every N-th proof: N must not be negative");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("the probability must be between 0 and 1");
      }
      if (every > 0 && probability > 0) {
        throw new IllegalArgumentException("give every N-th proof or a probability, not both");
      }
    }

    /** Whether some proofs are invalid. */
    public boolean active() {
      return every > 0 || probability > 0;
    }
  }

  /**
   * The policy for each kind of proof.
   *
   * @param porep for the PoReps of prove-commit
   * @param post for Window PoSts
   */
  public record Settings(Policy porep, Policy post) {
    /** Every proof valid. */
    public static final Settings NONE = new Settings(Policy.NEVER, Policy.NEVER);
  }

  /**
   * How many proofs of each kind were decided, for a saved run.
   *
   * @param poreps PoReps decided so far
   * @param posts Window PoSts decided so far
   */
  public record Memory(long poreps, long posts) {}

  private final Settings settings;
  private long poreps;
  private long posts;

  /** Proofs made invalid as {@code settings} say. */
  public InvalidProofs(Settings settings) {
    this.settings = settings;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** Whether the provider makes some Window PoSts invalid (its sales prove simulated). */
  public boolean simulatesPoStFailures() {
    return settings.post().active();
  }

  /** Whether the next PoRep the provider submits is to be invalid. */
  public boolean nextPoRepInvalid(RandomGenerator random) {
    return decide(settings.porep(), ++poreps, random);
  }

  /** Whether the next Window PoSt the provider submits is to be invalid. */
  public boolean nextPoStInvalid(RandomGenerator random) {
    return decide(settings.post(), ++posts, random);
  }

  private static boolean decide(Policy p, long n, RandomGenerator random) {
    if (p.every() > 0) return n % p.every() == 0;
    return p.probability() > 0 && random.nextDouble() < p.probability();
  }

  /** The counts so far. */
  public Memory memory() {
    return new Memory(poreps, posts);
  }

  /** Takes back the counts of {@code m}. */
  public void restore(Memory m) {
    poreps = m.poreps();
    posts = m.posts();
  }
}
