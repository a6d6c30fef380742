package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.testkit.CallFuzzer;
import org.junit.jupiter.api.Test;

/**
 * Every call of every pallet of the storage runtime, dispatched with hostile arguments from every
 * origin kind: no exception escapes, and every failure leaves the world unchanged.
 */
class WholeRuntimeBadInputTest {
  @Test
  void noCallOfAnyPalletLetsAnExceptionEscapeOrLosesAnythingWhenItFails() {
    StorageNetwork n = StorageNetwork.testnet(11);
    n.register(StorageNetwork.SP_ID);
    var report = CallFuzzer.fuzz(n.chain, 7, 15);
    assertThat(report.problems()).isEmpty();
    assertThat(report.dispatched()).isGreaterThan(500);
  }

  /**
   * The same under the {@code filecoin} preset, whose money formulas see big-integer network inputs
   * and 32 GiB sectors: a hostile amount is a typed arithmetic error there too.
   */
  @Test
  void underTheFilecoinPresetToo() {
    StorageNetwork n = new StorageNetwork(StorageRuntime.filecoin(), 11);
    n.register(StorageNetwork.SP_ID);
    var report = CallFuzzer.fuzz(n.chain, 8, 5);
    assertThat(report.problems()).isEmpty();
    assertThat(report.dispatched()).isGreaterThan(150);
  }
}
