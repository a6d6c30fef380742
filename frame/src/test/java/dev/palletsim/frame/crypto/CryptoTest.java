package dev.palletsim.frame.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.ProofVerifier.PoRepInputs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CryptoTest {
  @Test
  void theDevKeyringDerivesTheSameAccountsEveryTime() {
    assertThat(Keyring.account("alice")).isEqualTo(Keyring.account("alice"));
    assertThat(Keyring.account("alice")).isNotEqualTo(Keyring.account("bob"));
    var fresh = Ed25519.fromSeed(Sha256.domain("palletsim/dev-keyring").text("alice").finish());
    assertThat(fresh.account()).isEqualTo(Keyring.account("alice"));
    assertThat(Keyring.nameOf(Keyring.account("alice"))).isEqualTo("alice");
  }

  @Test
  void aPalletAccountIsNamedByItsPalletIdReadFromItsBytes() {
    assertThat(Keyring.nameOf(AccountId.pallet("py/mrket"))).isEqualTo("py/mrket");
    assertThat(AccountId.pallet("PotStake").palletId()).contains("PotStake");
    byte[] almost = AccountId.pallet("py/mrket").toBytes();
    almost[31] = 1; // not zero padded: not a pallet account
    assertThat(AccountId.of(almost).palletId()).isEmpty();
    assertThat(Keyring.account("alice").palletId()).isEmpty();
  }

  @Test
  void namesDerivedOnManyThreadsAtOnceAreTheSameAsOnOne() throws Exception {
    var names = java.util.stream.IntStream.range(0, 64).mapToObj(i -> "parallel-" + i).toList();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<AccountId>>();
      for (String n : names) futures.add(pool.submit(() -> Keyring.account(n)));
      for (int i = 0; i < names.size(); i++) {
        AccountId a = futures.get(i).get();
        var fresh =
            Ed25519.fromSeed(Sha256.domain("palletsim/dev-keyring").text(names.get(i)).finish());
        assertThat(a).isEqualTo(fresh.account());
        assertThat(Keyring.nameOf(a)).isEqualTo(names.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void signaturesVerifyAndAnyChangeBreaksThem() {
    byte[] msg = "deal proposal".getBytes(StandardCharsets.UTF_8);
    byte[] sig = Keyring.sign("alice", msg);
    assertThat(Ed25519.verify(Keyring.account("alice"), msg, sig)).isTrue();
    assertThat(Ed25519.verify(Keyring.account("bob"), msg, sig)).isFalse();
    byte[] tampered = msg.clone();
    tampered[0] ^= 1;
    assertThat(Ed25519.verify(Keyring.account("alice"), tampered, sig)).isFalse();
    byte[] badSig = sig.clone();
    badSig[10] ^= 1;
    assertThat(Ed25519.verify(Keyring.account("alice"), msg, badSig)).isFalse();
    assertThat(Ed25519.verify(Keyring.account("alice"), msg, new byte[3])).isFalse();
    assertThat(Ed25519.verify(null, msg, sig)).isFalse();
  }

  @Test
  void simulatedProofsVerifyOnlyForTheirInputs() {
    AccountId prover = Keyring.account("sp-1");
    var unsealed = Commitments.piece("data");
    var inputs =
        new PoRepInputs(
            prover,
            7,
            Commitments.sealedSector(unsealed, new byte[32], prover.toBytes(), 7),
            unsealed,
            H256.ZERO,
            H256.ZERO);
    byte[] proof = SimulatedProofs.porep(inputs);
    assertThat(SimulatedProofs.INSTANCE.verifyPoRep(inputs, proof)).isTrue();
    proof[0] ^= 1;
    assertThat(SimulatedProofs.INSTANCE.verifyPoRep(inputs, proof)).isFalse();
    assertThat(SimulatedProofs.INSTANCE.verifyPoRep(inputs, null)).isFalse();
  }

  @Test
  void dataCommitmentsDependOnPiecesSizesAndOrder() {
    var a = new Commitments.Piece(Commitments.piece("a"), 128);
    var b = new Commitments.Piece(Commitments.piece("b"), 256);
    var ab = Commitments.unsealedSector(io.vavr.collection.List.of(a, b), 2048);
    assertThat(ab).isEqualTo(Commitments.unsealedSector(io.vavr.collection.List.of(a, b), 2048));
    assertThat(ab).isNotEqualTo(Commitments.unsealedSector(io.vavr.collection.List.of(b, a), 2048));
    assertThat(ab).isNotEqualTo(Commitments.unsealedSector(io.vavr.collection.List.of(a, b), 4096));
    assertThat(ab.isUnsealedCommitment()).isTrue();
  }
}
