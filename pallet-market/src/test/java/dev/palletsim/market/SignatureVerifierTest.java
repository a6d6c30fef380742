package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.testkit.Dev;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Caffeine cache of verified signatures. */
class SignatureVerifierTest {

  private static final byte[] MESSAGE = "terms".getBytes(StandardCharsets.UTF_8);

  @Test
  void aRepeatedVerificationIsAnsweredFromTheCache() {
    SignatureVerifier v = new SignatureVerifier(100);
    Signature s = Signature.of(Keyring.sign("alice", MESSAGE));
    var hash = DealProposal.hashOf(MESSAGE);
    assertThat(v.verify(Dev.ALICE, hash, MESSAGE, s)).isTrue();
    assertThat(v.verify(Dev.ALICE, hash, MESSAGE, s)).isTrue();
    assertThat(v.stats().missCount()).isEqualTo(1);
    assertThat(v.stats().hitCount()).isEqualTo(1);
  }

  @Test
  void theSignerMessageAndSignatureAreAllPartOfTheKey() {
    SignatureVerifier v = new SignatureVerifier(100);
    Signature s = Signature.of(Keyring.sign("alice", MESSAGE));
    byte[] other = "other".getBytes(StandardCharsets.UTF_8);
    var hash = DealProposal.hashOf(MESSAGE);
    assertThat(v.verify(Dev.ALICE, hash, MESSAGE, s)).isTrue();
    assertThat(v.verify(Dev.BOB, hash, MESSAGE, s)).isFalse();
    assertThat(v.verify(Dev.ALICE, DealProposal.hashOf(other), other, s)).isFalse();
    assertThat(v.verify(Dev.ALICE, hash, MESSAGE, Signature.of(Keyring.sign("bob", MESSAGE))))
        .isFalse();
    assertThat(v.stats().hitCount()).isZero();
  }

  @Test
  void resultsCheckedAheadWaitUntilTakenAndNeverMoreThanTheCacheHolds() {
    SignatureVerifier v = new SignatureVerifier(2);
    byte[][] messages = {MESSAGE, "two".getBytes(StandardCharsets.UTF_8), new byte[] {3}};
    for (byte[] m : messages) {
      v.preverify(Dev.ALICE, DealProposal.hashOf(m), m, Signature.of(Keyring.sign("alice", m)));
    }
    assertThat(v.preverifiedWaiting()).isEqualTo(2);
    for (byte[] m : messages) {
      Signature s = Signature.of(Keyring.sign("alice", m));
      assertThat(v.verify(Dev.ALICE, DealProposal.hashOf(m), m, s)).isTrue();
      assertThat(v.verify(Dev.BOB, DealProposal.hashOf(m), m, s)).isFalse();
    }
    assertThat(v.preverifiedTaken()).isEqualTo(2);
    assertThat(v.preverifiedWaiting()).isZero();
    // the third was not kept: verified in place; Bob's three were never checked ahead
    assertThat(v.stats().missCount()).isEqualTo(4);
    // a result already cached is not checked again
    v.preverify(
        Dev.ALICE,
        DealProposal.hashOf(MESSAGE),
        MESSAGE,
        Signature.of(Keyring.sign("alice", MESSAGE)));
    assertThat(v.preverifiedWaiting()).isZero();
  }

  @Test
  void aZeroSizedCacheStillVerifies() {
    SignatureVerifier v = new SignatureVerifier(0);
    Signature s = Signature.of(Keyring.sign("alice", MESSAGE));
    assertThat(v.verify(Dev.ALICE, DealProposal.hashOf(MESSAGE), MESSAGE, s)).isTrue();
    assertThat(v.verify(Dev.BOB, DealProposal.hashOf(MESSAGE), MESSAGE, s)).isFalse();
  }
}
