package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.collatorpower.SlashPolicy;
import dev.palletsim.collatorselection.CollatorSelectionPallet;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.storageprovider.RegisteredPoStProof;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoragePresetsTest {
  /** The storage presets (every preset but frame's). */
  static final List<String> STORAGE_PRESETS = List.of("testnet", "mainnet-like", "filecoin");

  @Test
  void everyStoragePresetIsListedBuildsAndStartsAChain() {
    assertThat(Presets.all().keySet()).containsAll(STORAGE_PRESETS);
    for (String name : STORAGE_PRESETS) {
      var preset = Presets.named(name);
      var runtime = preset.build(Map.of());
      var genesis =
          preset.genesis(
              Map.of(
                  "balances",
                  Map.of("col-1", "100 TOKEN", "alice", "5 TOKEN"),
                  "invulnerables",
                  List.of("col-1"),
                  "candidacy-bond",
                  "1 TOKEN",
                  "desired-candidates",
                  3),
              9);
      var chain = runtime.start(genesis);
      chain.runBlocks(5);
      assertThat(chain.author()).contains(Keyring.account("col-1"));
      assertThat(chain.query(CollatorSelectionStorage.CANDIDACY_BOND)).isEqualTo(Units.TOKEN);
      assertThat(chain.free(Keyring.account("alice"))).isEqualTo(5 * Units.TOKEN);
    }
  }

  @Test
  void everySectionTakesOverridesIncludingStructuredValues() {
    var runtime =
        Presets.named("testnet")
            .build(
                Map.of(
                    "runtime", Map.of("session-period", 30),
                    "market", Map.of("fip0074-activation-block", 500, "allocation-term-buffer", 77),
                    "storage-provider",
                        Map.of("allowed-po-st-proofs", List.of("StackedDRGWindow8MiBV1P1")),
                    "collator-power", Map.of("slash-policy", Map.of("lock-for", 7)),
                    "collator-selection", Map.of("auction", "top-power", "kick-threshold", 90),
                    "verified-registry", Map.of("maximum-verified-allocation-expiration", 321)));
    assertThat(runtime.config().sessionPeriod()).isEqualTo(30);
    var market = runtime.pallet(MarketPallet.class).config();
    assertThat(market.fip0074ActivationBlock()).isEqualTo(500);
    assertThat(market.allocationTermBuffer()).isEqualTo(77);
    assertThat(
            runtime
                .pallet(VerifiedRegistryPallet.class)
                .config()
                .maximumVerifiedAllocationExpiration())
        .isEqualTo(321);
    assertThat(runtime.pallet(StorageProviderPallet.class).config().allowedPoStProofs())
        .containsExactly(RegisteredPoStProof.StackedDRGWindow8MiBV1P1);
    assertThat(runtime.pallet(CollatorPowerPallet.class).config().slashPolicy())
        .isEqualTo(SlashPolicy.lockFor(7));
    var cs = runtime.pallet(CollatorSelectionPallet.class).config();
    assertThat(cs.auction().name()).isEqualTo("top-power");
    assertThat(cs.kickThreshold()).isEqualTo(90);
  }

  @Test
  void genesisGrantsVerifiersAndDataCap() {
    for (String name : STORAGE_PRESETS) {
      var preset = Presets.named(name);
      var chain =
          preset
              .build(Map.of())
              .start(
                  preset.genesis(
                      Map.of(
                          "balances", Map.of("col-1", "100 TOKEN"),
                          "invulnerables", List.of("col-1"),
                          "verifiers", Map.of("carol", "1 TIB"),
                          "datacap", Map.of("alice", "64 GIB", "bob", 2048)),
                      9));
      var registry = chain.runtime().pallet(VerifiedRegistryPallet.class);
      var w = chain.world();
      assertThat(registry.verifiers(w))
          .containsExactly(new io.vavr.Tuple2<>(Keyring.account("carol"), Units.TIB));
      assertThat(registry.dataCapBalance(w, Keyring.account("alice"))).isEqualTo(64 * Units.GIB);
      assertThat(registry.dataCapBalance(w, Keyring.account("bob"))).isEqualTo(2048);
      assertThat(registry.dataCapSupply(w)).isEqualTo(64 * Units.GIB + 2048);
      chain.runBlocks(2);
    }
    assertThatThrownBy(
            () -> Presets.named("testnet").genesis(Map.of("datacap", List.of("alice")), 1))
        .hasMessageContaining("genesis.datacap must map names to DataCap amounts");
    assertThatThrownBy(
            () ->
                Presets.named("testnet").genesis(Map.of("datacap", Map.of("alice", "5 TOKENS")), 1))
        .hasMessageContaining("genesis.datacap.alice: DataCap is bytes (e.g. 64 GIB)");
    assertThatThrownBy(
            () ->
                Presets.named("testnet").genesis(Map.of("verifiers", Map.of("carol", "1 TIBS")), 1))
        .hasMessageContaining("unknown unit");
  }

  @Test
  void badOverridesAndGenesisKeysAreErrorsNamingTheKey() {
    var testnet = Presets.named("testnet");
    assertThatThrownBy(() -> testnet.build(Map.of("markets", Map.of())))
        .hasMessageContaining("no section 'markets'");
    assertThatThrownBy(
            () -> testnet.build(Map.of("collator-selection", Map.of("auction", "dutch"))))
        .hasMessageContaining("collator-selection.auction: auction must be proportional");
    assertThatThrownBy(
            () -> testnet.build(Map.of("collator-power", Map.of("slash-policy", "burn"))))
        .hasMessageContaining("slash-policy must be 'return' or {lock-for: blocks}");
    assertThatThrownBy(
            () -> testnet.build(Map.of("storage-provider", Map.of("w-po-st-proving-period", 61))))
        .hasMessageStartingWith("storage-provider: ")
        .hasMessageContaining("proving period must equal deadlines × challenge window");
    assertThatThrownBy(() -> testnet.genesis(Map.of("validators", List.of("x")), 1))
        .hasMessageContaining("unknown parameter 'validators'");
  }
}
