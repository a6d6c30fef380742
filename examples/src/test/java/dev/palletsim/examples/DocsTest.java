package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.runtime.Presets;
import dev.palletsim.runtime.sim.Agents;
import dev.palletsim.runtime.sim.MetricCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/scenario-format.md documents every preset, agent type, agent parameter and metric probe. */
class DocsTest {
  static String doc() throws IOException {
    return Files.readString(Path.of("..", "docs", "scenario-format.md"));
  }

  @Test
  void everyAgentTypeAndParameterIsDocumented() throws IOException {
    String doc = doc();
    for (var t : Agents.all().values()) {
      assertThat(doc).as("agent type " + t.type()).contains("### `" + t.type() + "`");
      for (String p : t.parameters().keySet()) {
        assertThat(doc).as(t.type() + " parameter " + p).contains("| `" + p + "` |");
      }
    }
  }

  @Test
  void everyMetricProbeAndPresetIsDocumented() throws IOException {
    String doc = doc();
    for (String m : MetricCatalog.all().keySet()) {
      if (m.startsWith("test-")) continue; // registered by other tests
      assertThat(doc).as("metric " + m).contains("`" + m);
    }
    for (String p : Presets.all().keySet())
      assertThat(doc).as("preset " + p).contains("`" + p + "`");
  }
}
