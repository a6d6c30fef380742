package dev.palletsim.frame.transactionpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemCall;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@link EncodedLength}: SCALE's sizes, counted by hand. */
class EncodedLengthTest {
  static final AccountId BOB = AccountId.of(new byte[32]);

  @Test
  void aTransferIsItsIndicesAnAccountAndAnAmount() {
    // 2 (pallet, call) + 32 (dest) + 8 (value)
    assertThat(EncodedLength.ofCall(new BalancesCall.TransferKeepAlive(BOB, 5))).isEqualTo(42);
    // body: 1 version + 33 signer + 65 signature + 2 era + 1 nonce + 1 tip + 42 = 145,
    // after its compact length (2 bytes above 63)
    assertThat(EncodedLength.ofSignedExtrinsic(new BalancesCall.TransferKeepAlive(BOB, 5), 0, 0))
        .isEqualTo(147);
    // a nonce of 64 and a tip of 2^14 take 2 and 4 bytes
    assertThat(
            EncodedLength.ofSignedExtrinsic(
                new BalancesCall.TransferKeepAlive(BOB, 5), 64, 1 << 14))
        .isEqualTo(147 + 1 + 3);
  }

  @Test
  void compactLengthsFollowScale() {
    assertThat(EncodedLength.compact(0)).isEqualTo(1);
    assertThat(EncodedLength.compact(63)).isEqualTo(1);
    assertThat(EncodedLength.compact(64)).isEqualTo(2);
    assertThat(EncodedLength.compact(16_383)).isEqualTo(2);
    assertThat(EncodedLength.compact(16_384)).isEqualTo(4);
    assertThat(EncodedLength.compact((1L << 30) - 1)).isEqualTo(4);
    assertThat(EncodedLength.compact(1L << 30)).isEqualTo(5);
    assertThat(EncodedLength.compact(1L << 32)).isEqualTo(6);
    assertThat(EncodedLength.compact(Long.MAX_VALUE)).isEqualTo(9);
  }

  @Test
  void stringsCollectionsOptionsAndNumbers() {
    // "é" is 2 UTF-8 bytes after a 1-byte length
    assertThat(EncodedLength.ofCall(new SystemCall.Remark("é"))).isEqualTo(2 + 3);
    assertThat(EncodedLength.of(List.of(1L, 2L, 3L))).isEqualTo(1 + 24);
    assertThat(EncodedLength.of(Option.none())).isEqualTo(1);
    assertThat(EncodedLength.of(Option.some(7))).isEqualTo(5);
    assertThat(EncodedLength.of(BigInteger.TEN)).isEqualTo(16);
    assertThat(EncodedLength.of(new byte[70])).isEqualTo(2 + 70);
    assertThat(EncodedLength.of(io.vavr.collection.HashMap.of("a", 1))).isEqualTo(1 + 2 + 4);
    assertThat(EncodedLength.of(null)).isEqualTo(1);
  }

  @Test
  void equalCallsHaveEqualLengthsAndUnknownTypesAreRefused() {
    assertThat(EncodedLength.ofCall(new SystemCall.Remark("abc")))
        .isEqualTo(EncodedLength.ofCall(new SystemCall.Remark(new String("abc"))));
    assertThatThrownBy(() -> EncodedLength.of(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
