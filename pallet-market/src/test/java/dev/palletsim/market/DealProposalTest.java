package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The canonical encoding clients sign, and the amounts a proposal derives. */
class DealProposalTest {

  private static final Cid PIECE = Commitments.piece("a piece");

  private static DealProposal proposal(String label) {
    return new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, label, 100, 250, 7, 9_000, 800);
  }

  @Test
  void theEncodingFollowsTheDocumentedLayout() {
    DealProposal p = proposal("héllo");
    byte[] label = "héllo".getBytes(StandardCharsets.UTF_8);
    byte[] domain = "palletsim/market/DealProposal/v1".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer expected = ByteBuffer.allocate(4 + 32 + 40 + 8 + 1 + 64 + 4 + label.length + 40);
    expected.putInt(32).put(domain);
    expected.putInt(Cid.FIL_COMMITMENT_UNSEALED).putInt(Cid.SHA2_256_TRUNC254_PADDED);
    expected.put(PIECE.digest());
    expected.putLong(2048).put((byte) 1);
    expected.put(Dev.ALICE.toBytes()).put(Dev.BOB.toBytes());
    expected.putInt(label.length).put(label);
    expected.putLong(100).putLong(250).putLong(7).putLong(9_000).putLong(800);
    assertThat(p.encode()).isEqualTo(expected.array());
    assertThat(domain).hasSize(32);
  }

  @Test
  void theHashIsTheSha256OfTheEncoding() throws Exception {
    DealProposal p = proposal("x");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(p.encode());
    assertThat(p.hash().toBytes()).isEqualTo(digest);
    assertThat(proposal("x").hash()).isEqualTo(p.hash());
  }

  @Test
  void everyFieldChangesTheEncoding() {
    DealProposal p = proposal("l");
    List<DealProposal> variants =
        List.of(
            p,
            new DealProposal(
                Commitments.piece("other"),
                2048,
                true,
                Dev.ALICE,
                Dev.BOB,
                "l",
                100,
                250,
                7,
                9_000,
                800),
            new DealProposal(PIECE, 4096, true, Dev.ALICE, Dev.BOB, "l", 100, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, false, Dev.ALICE, Dev.BOB, "l", 100, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.CHARLIE, Dev.BOB, "l", 100, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.DAVE, "l", 100, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "m", 100, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "l", 101, 250, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "l", 100, 251, 7, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "l", 100, 250, 8, 9_000, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "l", 100, 250, 7, 9_001, 800),
            new DealProposal(PIECE, 2048, true, Dev.ALICE, Dev.BOB, "l", 100, 250, 7, 9_000, 801));
    assertThat(variants.map(DealProposal::hash).distinct()).hasSize(variants.size());
  }

  @Test
  void theLabelIsLengthPrefixedSoNoTwoLabelsShareAnEncoding() {
    assertThat(proposal("").encode()).isNotEqualTo(proposal("\0").encode());
    assertThat(proposal("ab").encode().length).isEqualTo(proposal("a").encode().length + 1);
  }

  @Test
  void aKeyringSignatureOverTheEncodingVerifies() {
    DealProposal p = proposal("signed");
    Signature s = Signature.of(Keyring.sign("alice", p.encode()));
    assertThat(s.verifies(Dev.ALICE, p.encode())).isTrue();
    assertThat(s.verifies(Dev.BOB, p.encode())).isFalse();
    assertThat(s.verifies(Dev.ALICE, proposal("other").encode())).isFalse();
    assertThat(ClientDealProposal.signedBy(p, "alice").clientSignature()).isEqualTo(s);
  }

  @Test
  void derivedAmountsAreCheckedProducts() {
    DealProposal p = proposal("");
    assertThat(p.duration()).isEqualTo(150);
    assertThat(p.totalStorageFee()).isEqualTo(1_050);
    assertThat(p.clientBalanceRequirement()).isEqualTo(1_850);
    DealProposal huge =
        new DealProposal(
            PIECE, 2048, false, Dev.ALICE, Dev.BOB, "", 0, 10, Long.MAX_VALUE / 5, 0, 0);
    assertThatThrownBy(huge::totalStorageFee).isInstanceOf(DispatchException.class);
  }
}
