package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The {@code mainnet-like} audit: every constant of {@code mainnet-like} that derives from Filecoin
 * is its {@code filecoin} preset value by one rule, six-second blocks being a fifth of a 30 s
 * epoch: durations in blocks × 5, per-block rates ÷ 5, everything else equal. Every setting of the
 * Filecoin-derived sections is classified here, so a new setting cannot escape the audit; the
 * settings that do not come from Filecoin (the parachain's own) are listed with their reason.
 */
class MainnetLikeAuditTest {
  static final long K = 5;

  /** Settings counted in blocks. */
  static final Map<String, Set<String>> DURATIONS =
      Map.of(
          "storage-provider",
          Set.of(
              "w-po-st-proving-period",
              "w-po-st-challenge-window",
              "w-po-st-challenge-lookback",
              "fault-declaration-cutoff",
              "fault-max-age",
              "w-po-st-dispute-window",
              "chain-finality",
              "worker-key-change-delay",
              "consensus-fault-ineligibility-duration",
              "invalid-window-po-st-projection-period",
              "pre-commit-challenge-delay",
              "max-prove-commit-duration",
              "max-pre-commit-randomness-lookback",
              "expired-pre-commit-clean-up-delay",
              "min-sector-expiration",
              "max-sector-expiration",
              "sector-maximum-lifetime",
              "pre-commit-deposit-projection-period",
              "initial-pledge-projection-period",
              "declared-fault-projection-period",
              "continued-fault-projection-period",
              "detected-fault-projection-period",
              "termination-lifetime-cap",
              "daily-fee-block-reward-cap-period",
              "end-of-life-claim-drop-period"),
          "market",
          Set.of(
              "deal-updates-interval",
              "deal-min-duration",
              "deal-max-duration",
              "allocation-term-buffer"),
          "verified-registry",
          Set.of(
              "minimum-verified-allocation-term",
              "maximum-verified-allocation-term",
              "maximum-verified-allocation-expiration"),
          "collator-power",
          Set.of("slash-policy"));

  /** Settings that are amounts per block. */
  static final Map<String, Set<String>> RATES =
      Map.of("network", Set.of("reward-estimate", "reward-velocity"));

  /**
   * Settings that are not Filecoin's and so follow no rule, with the reason: the parachain's own
   * choices.
   */
  static final Map<String, Set<String>> PARACHAIN =
      Map.of(
          // the provider collateral rule and the legacy-deal rule are the parachain's documented
          // choices (docs/design.md, "The market against builtin-actors"); the others bound the
          // parachain's batches and caches
          "market",
          Set.of(
              "provider-collateral-rule",
              "min-provider-collateral-per-gib",
              "legacy-deal-rule",
              "max-collateral",
              "max-storage-price-per-block",
              "cron-interval",
              "fip0074-activation-block",
              "max-deals-per-publish",
              "max-deals-per-settlement",
              "signature-cache-size",
              "timeout-penalty-percent",
              "treasury",
              "withdrawal-delay",
              // a parachain returns a timed-out deal's expired DataCap at once (docs/design.md)
              "drop-allocation-on-timeout"),
          // the consensus minimum is off on the parachain presets (issue 12: a config option)
          "collator-power",
          Set.of(
              "consensus-miner-min-power",
              "consensus-miner-min-miners",
              "max-backers-per-collator",
              "max-delegations-per-miner",
              "min-delegation"));

  static SortedMap<String, SortedMap<String, String>> settings(String preset) {
    return Presets.named(preset).settings();
  }

  @Test
  void everyScaledConstantIsItsFilecoinValueByTheRule() {
    var filecoin = settings("filecoin");
    var mainnet = settings("mainnet-like");
    for (String section :
        Set.of("storage-provider", "market", "collator-power", "network", "verified-registry")) {
      for (String setting : filecoin.get(section).keySet()) {
        String f = filecoin.get(section).get(setting);
        String m = mainnet.get(section).get(setting);
        String where = section + "." + setting;
        if (DURATIONS.getOrDefault(section, Set.of()).contains(setting)) {
          assertThat(scale(m, 1)).as(where + " = filecoin × 5").isEqualTo(scale(f, K));
        } else if (RATES.getOrDefault(section, Set.of()).contains(setting)) {
          assertThat(new BigInteger(m))
              .as(where + " = filecoin ÷ 5")
              .isEqualTo(new BigInteger(f).divide(BigInteger.valueOf(K)));
        } else if (!PARACHAIN.getOrDefault(section, Set.of()).contains(setting)) {
          assertThat(m).as(where + " = filecoin").isEqualTo(f);
        }
      }
    }
  }

  @Test
  void theFaultDeclarationCutoffIs70EpochsOf30sAt6sBlocks() {
    assertThat(settings("mainnet-like").get("storage-provider").get("fault-declaration-cutoff"))
        .isEqualTo("350");
    assertThat(settings("filecoin").get("storage-provider").get("fault-declaration-cutoff"))
        .isEqualTo("70");
  }

  @Test
  void theRuleCoversEveryListedSetting() {
    var filecoin = settings("filecoin");
    for (var classified : java.util.List.of(DURATIONS, RATES, PARACHAIN)) {
      classified.forEach(
          (section, names) ->
              assertThat(filecoin.get(section).keySet()).as(section).containsAll(names));
    }
  }

  /** A duration setting times {@code k}; {@code {lock-for: n}} counts too. */
  static BigInteger scale(String value, long k) {
    String digits = value.replaceAll("[^0-9]", "");
    return new BigInteger(digits).multiply(BigInteger.valueOf(k));
  }
}
