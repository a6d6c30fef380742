package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.storageprovider.ConsensusFaults.ConsensusFault;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsensusFaults}: each fault Lotus's {@code VerifyConsensusFault} recognises, and each
 * reason two headers prove nothing, from headers signed with real worker keys.
 */
class ConsensusFaultsTest {
  static final AccountId MINER = Keyring.account("sp-1");
  static final AccountId WORKER = Keyring.account("sp-1-worker");
  static final H256 P1 = H256.of(new byte[32]);
  static final H256 P2 = H256.fromHex("0x" + "11".repeat(32));
  static final long NOW = 1_000;
  static final long LOOKBACK = 900;

  static BlockHeader header(long epoch, H256 parent, int content) {
    return header(MINER, epoch, List.of(parent), content, "sp-1-worker");
  }

  static BlockHeader header(
      AccountId miner, long epoch, List<H256> parents, int content, String signer) {
    byte[] digest = new byte[32];
    digest[0] = (byte) content;
    return BlockHeader.signed(miner, epoch, parents, H256.of(digest), Keyring.privateKey(signer));
  }

  static Option<ConsensusFault> verify(BlockHeader a, BlockHeader b) {
    return ConsensusFaults.verify(a, b, Option.none(), WORKER, NOW, LOOKBACK);
  }

  @Test
  void twoBlocksAtOneHeightAreDoubleForkMining() {
    var fault = verify(header(990, P1, 1), header(990, P2, 2));
    assertThat(fault).contains(new ConsensusFault(MINER, 990, ConsensusFaultType.DoubleForkMining));
  }

  @Test
  void twoBlocksOnTheSameParentsAtDifferentHeightsAreTimeOffsetMining() {
    var fault = verify(header(980, P1, 1), header(990, P1, 2));
    // the fault's epoch is the later block's
    assertThat(fault).contains(new ConsensusFault(MINER, 990, ConsensusFaultType.TimeOffsetMining));
  }

  @Test
  void aBlockOmittingItsMinersSiblingIsParentGrinding() {
    BlockHeader a = header(980, P1, 1);
    BlockHeader sibling = header(980, P1, 3);
    BlockHeader b = header(MINER, 981, List.of(sibling.id()), 2, "sp-1-worker");
    var fault = ConsensusFaults.verify(a, b, Option.some(sibling), WORKER, NOW, LOOKBACK);
    assertThat(fault).contains(new ConsensusFault(MINER, 981, ConsensusFaultType.ParentGrinding));
    // without the witness the two blocks prove nothing
    assertThat(verify(a, b)).isEmpty();
    // building on the first block too is honest
    BlockHeader honest = header(MINER, 981, List.of(sibling.id(), a.id()), 2, "sp-1-worker");
    assertThat(ConsensusFaults.verify(a, honest, Option.some(sibling), WORKER, NOW, LOOKBACK))
        .isEmpty();
  }

  @Test
  void identicalHeadersProveNothing() {
    BlockHeader a = header(990, P1, 1);
    assertThat(verify(a, a)).isEmpty();
  }

  @Test
  void headersOfTwoMinersProveNothing() {
    BlockHeader other = header(Keyring.account("sp-2"), 990, List.of(P2), 2, "sp-1-worker");
    assertThat(verify(header(990, P1, 1), other)).isEmpty();
  }

  @Test
  void aSecondHeaderLowerThanTheFirstProvesNothing() {
    assertThat(verify(header(990, P1, 2), header(980, P1, 1))).isEmpty();
  }

  @Test
  void blocksAtDifferentHeightsOnDifferentParentsProveNothing() {
    assertThat(verify(header(980, P1, 1), header(990, P2, 2))).isEmpty();
  }

  @Test
  void headersNotSignedByTheWorkerProveNothing() {
    BlockHeader forged = header(MINER, 990, List.of(P2), 2, "mallory");
    assertThat(verify(header(990, P1, 1), forged)).isEmpty();
    // a header whose content was changed after signing does not verify either
    BlockHeader signed = header(990, P2, 2);
    BlockHeader altered =
        new BlockHeader(
            signed.miner(),
            signed.epoch(),
            signed.parents(),
            H256.fromHex("0x" + "22".repeat(32)),
            signed.signature());
    assertThat(verify(header(990, P1, 1), altered)).isEmpty();
  }

  @Test
  void headersOlderThanTheLookbackProveNothing() {
    // NOW − LOOKBACK = 100: a block at 100 is within reach, one at 99 is not
    assertThat(verify(header(100, P1, 1), header(100, P2, 2))).isNotEmpty();
    assertThat(verify(header(99, P1, 1), header(99, P2, 2))).isEmpty();
  }
}
