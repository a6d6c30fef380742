package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.crypto.Ed25519.Implementation;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.testkit.Dev;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The market's verifier works with either Ed25519 implementation (issue 16, point 3): a deal
 * proposal signed by one is accepted by a verifier using the other, and a forged one refused.
 */
class SignatureVerifierImplementationsTest {
  static DealProposal proposal() {
    return new DealProposal(
        Commitments.piece("signed piece"), 2048, false, Dev.ALICE, Dev.BOB, "l", 100, 250, 7, 9, 8);
  }

  @ParameterizedTest
  @EnumSource(Implementation.class)
  void aProposalSignedByEitherImplementationVerifiesUnderThisOne(Implementation verifying) {
    SignatureVerifier v = new SignatureVerifier(100, verifying);
    assertThat(v.implementation()).isEqualTo(verifying);
    byte[] encoding = proposal().encode();
    var hash = DealProposal.hashOf(encoding);
    for (Implementation signing : Implementation.values()) {
      byte[] sig = Keyring.signingKey("alice").sign(signing, encoding);
      assertThat(v.verify(Dev.ALICE, hash, encoding, Signature.of(sig))).isTrue();
      byte[] forged = sig.clone();
      forged[5] ^= 0x40;
      assertThat(v.verify(Dev.ALICE, hash, encoding, Signature.of(forged))).isFalse();
      assertThat(v.verify(Dev.BOB, hash, encoding, Signature.of(sig))).isFalse();
    }
  }

  @Test
  void theDefaultVerifierUsesTheConfiguredImplementation() {
    assertThat(new SignatureVerifier(1).implementation())
        .isEqualTo(Ed25519.defaultImplementation());
  }
}
