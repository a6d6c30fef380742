package dev.palletsim.benchmarks;

import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.crypto.Ed25519.Implementation;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 per signature (issue 16, point 3): signing and verifying a deal proposal's encoding
 * (about 220 bytes with a 16-byte label) with BouncyCastle's implementation and the JDK's, in the
 * same run. Signers and messages rotate over {@value #KEYS} keys and messages, so no result is
 * reused; the market's cache of verified signatures is not involved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class Ed25519Benchmark {
  /** Distinct keys and messages. */
  static final int KEYS = 64;

  /** Bytes of a signed message: about a deal proposal's encoding. */
  static final int MESSAGE_BYTES = 220;

  @Param({"BOUNCY_CASTLE", "JDK"})
  public Implementation implementation;

  private Ed25519.SigningKey[] keys;
  private AccountId[] accounts;
  private byte[][] messages;
  private byte[][] signatures;
  private int next;

  @Setup
  public void setUp() {
    keys = new Ed25519.SigningKey[KEYS];
    accounts = new AccountId[KEYS];
    messages = new byte[KEYS][];
    signatures = new byte[KEYS][];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = Keyring.signingKey("bench-signer-" + i);
      accounts[i] = keys[i].account();
      messages[i] = new byte[MESSAGE_BYTES];
      rng.nextBytes(messages[i]);
      signatures[i] = keys[i].sign(implementation, messages[i]);
      if (!Ed25519.verify(implementation, accounts[i], messages[i], signatures[i])) {
        throw new IllegalStateException("a fresh signature does not verify");
      }
    }
  }

  /** One signature. */
  @Benchmark
  public byte[] sign() {
    int i = next++ & (KEYS - 1);
    return keys[i].sign(implementation, messages[i]);
  }

  /** One verification (of a valid signature). */
  @Benchmark
  public boolean verify() {
    int i = next++ & (KEYS - 1);
    return Ed25519.verify(implementation, accounts[i], messages[i], signatures[i]);
  }
}
