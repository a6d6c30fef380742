package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.agents.sales.InvalidProofs;
import dev.palletsim.agents.sales.Reservations;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.sim.Agents;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgentTypesTest {
  @Test
  void theThreeTypesAreRegisteredAndDocumentEveryParameter() {
    for (String t : List.of("storage-provider", "client", "collator")) {
      var type = Agents.type(t);
      assertThat(type.type()).isEqualTo(t);
      assertThat(type.parameters()).isNotEmpty().allSatisfy((k, v) -> assertThat(v).isNotBlank());
      assertThat(type.create("x-" + t, Map.of()).name()).isEqualTo("x-" + t);
    }
  }

  @Test
  void unknownParametersAreErrorsNamingThem() {
    for (String t : List.of("storage-provider", "client", "collator")) {
      assertThatThrownBy(() -> Agents.type(t).create("a", Map.of("speed", 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("agent a")
          .hasMessageContaining("unknown parameter 'speed'");
    }
  }

  @Test
  void malformedValuesAreErrorsNamingTheParameter() {
    assertThatThrownBy(
            () -> Agents.type("storage-provider").create("sp", Map.of("max-workers", "many")))
        .hasMessageContaining("'max-workers'");
    assertThatThrownBy(() -> Agents.type("storage-provider").create("sp", Map.of("max-workers", 0)))
        .hasMessageContaining("max-workers must be at least 1");
    assertThatThrownBy(
            () ->
                Agents.type("client")
                    .create("c", Map.of("duration", Map.of("normal", List.of(1, 2)))))
        .hasMessageContaining("'duration'")
        .hasMessageContaining("uniform");
    assertThatThrownBy(
            () ->
                Agents.type("client")
                    .create("c", Map.of("duration", Map.of("uniform", List.of(9, 2)))))
        .hasMessageContaining("'duration'")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Agents.type("client").create("c", Map.of("piece-size", 64)))
        .hasMessageContaining("piece-size must be at least 128 bytes");
    assertThatThrownBy(() -> Agents.type("collator").create("k", Map.of("rejoin", "yes")))
        .hasMessageContaining("'rejoin'");
  }

  @Test
  void aProviderHasOneAvailabilityFromTheTopLevelKeysOrSeveralFromAList() {
    var type = new StorageProviderAgentType();
    var single = type.settings("sp", Map.of("capacity", "8 KIB", "collateral-budget", "2 TOKEN"));
    assertThat(single.availabilities()).hasSize(1);
    assertThat(single.availabilities().head().size()).isEqualTo(8 * Units.KIB);
    assertThat(single.availabilities().head().collateral()).isEqualTo(2 * Units.TOKEN);
    var several =
        type.settings(
            "sp",
            Map.of(
                "availabilities",
                List.of(
                    Map.of("capacity", "4 KIB", "max-duration", 200), Map.of("capacity", 2048))));
    assertThat(several.availabilities())
        .extracting(Reservations.Offer::size)
        .containsExactly(4096L, 2048L);
    assertThat(several.availabilities().head().maxDuration()).isEqualTo(200);
    assertThatThrownBy(
            () -> type.settings("sp", Map.of("capacity", 1, "availabilities", List.of(Map.of()))))
        .hasMessageContaining("either 'availabilities' or 'capacity'");
    assertThatThrownBy(
            () -> type.settings("sp", Map.of("availabilities", List.of(Map.of("size", 1)))))
        .hasMessageContaining("availabilities[0]")
        .hasMessageContaining("unknown parameter 'size'");
  }

  @Test
  void providerDefaultsAreDocumented() {
    var s = new StorageProviderAgentType().settings("sp-d", Map.of());
    assertThat(s.accountName()).isEqualTo("sp-d");
    assertThat(s.maxWorkers()).isEqualTo(3);
    assertThat(s.queueSize()).isEqualTo(128);
    assertThat(s.transferBlocks()).isEqualTo(2);
    assertThat(s.dealsPerSector()).isEqualTo(1);
    assertThat(s.settleEvery()).isEqualTo(100);
    assertThat(s.delegation()).isEqualTo(new DelegationPolicy.None());
    assertThat(s.autoRecover()).isTrue();
    assertThat(s.availabilities().head().size()).isEqualTo(64 * Units.KIB);
    assertThat(s.invalidProofs()).isEqualTo(InvalidProofs.Settings.NONE);
  }

  @Test
  void invalidProofParametersBuildTheirPolicyAndRefuseBadValues() {
    var type = new StorageProviderAgentType();
    var s =
        type.settings("sp", Map.of("invalid-post-every", 3, "invalid-porep-probability", 0.25))
            .invalidProofs();
    assertThat(s.post()).isEqualTo(new InvalidProofs.Policy(3, 0));
    assertThat(s.porep()).isEqualTo(new InvalidProofs.Policy(0, 0.25));
    assertThatThrownBy(
            () ->
                type.settings(
                    "sp", Map.of("invalid-post-every", 3, "invalid-post-probability", 0.5)))
        .hasMessage(
            "agent sp: give either 'invalid-post-every' or 'invalid-post-probability', not both");
    assertThatThrownBy(() -> type.settings("sp", Map.of("invalid-porep-every", -2)))
        .hasMessage("agent sp: 'invalid-porep-every' must not be negative");
    assertThatThrownBy(() -> type.settings("sp", Map.of("invalid-post-probability", 2)))
        .hasMessage("agent sp: 'invalid-post-probability' must be between 0 and 1, got 2.0");
    assertThatThrownBy(() -> type.settings("sp", Map.of("invalid-post-probability", "often")))
        .hasMessageContaining("invalid-post-probability")
        .hasMessageContaining("a number");
  }

  @Test
  void delegationParametersBuildTheirPolicy() {
    var type = new StorageProviderAgentType();
    assertThat(
            type.settings("sp", Map.of("delegation", "split", "delegate-to", List.of("c1", "c2")))
                .delegation())
        .isEqualTo(
            new DelegationPolicy.Split(
                io.vavr.collection.List.of(Keyring.account("c1"), Keyring.account("c2"))));
    assertThat(type.settings("sp", Map.of("delegation", "random-k", "delegate-k", 3)).delegation())
        .isEqualTo(new DelegationPolicy.RandomK(3));
    assertThatThrownBy(() -> type.settings("sp", Map.of("delegation", "split")))
        .hasMessageContaining("agent sp")
        .hasMessageContaining("delegate-to");
    assertThatThrownBy(
            () ->
                type.settings("sp", Map.of("delegation", "everyone", "delegate-to", List.of("c1"))))
        .hasMessageContaining("only for delegation 'split'");
  }

  @Test
  void distributionsAreValuesUniformRangesOrChoices() {
    var r = new SplittableRandom(4);
    assertThat(Distribution.parse("o", "k", "2 KIB")).isEqualTo(new Distribution.Fixed(2048));
    assertThat(Distribution.parse("o", "k", 7)).isEqualTo(new Distribution.Fixed(7));
    var u = Distribution.parse("o", "k", Map.of("uniform", List.of(10, 12)));
    for (int i = 0; i < 50; i++) assertThat(u.draw(r)).isBetween(10L, 12L);
    var c = Distribution.parse("o", "k", Map.of("choice", List.of("1 KIB", 512)));
    for (int i = 0; i < 50; i++) assertThat(c.draw(r)).isIn(1024L, 512L);
    assertThat(c.min()).isEqualTo(512);
    assertThat(c.max()).isEqualTo(1024);
    assertThatThrownBy(() -> Distribution.parse("o", "k", Map.of("uniform", List.of(1))))
        .hasMessageContaining("o: parameter 'k'");
    assertThatThrownBy(() -> Distribution.parse("o", "k", "lots"))
        .hasMessageContaining("o: parameter 'k' must be a whole number");
  }

  @Test
  void clientAndCollatorDefaults() {
    var c = new ClientAgentType().settings("cl", Map.of());
    assertThat(c.postEvery()).isEqualTo(10);
    assertThat(c.expiry()).isEqualTo(30);
    assertThat(c.pieceSize()).isEmpty();
    assertThat(c.providerCollateral()).isEmpty();
    assertThat(c.fundEscrow()).isTrue();
    var k = new CollatorAgentType().settings("co", Map.of("bond", "3 TOKEN"));
    assertThat(k.rejoin()).isTrue();
    assertThat(k.bond()).isEqualTo(3 * Units.TOKEN);
  }
}
