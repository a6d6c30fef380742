package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.runtime.Presets;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/scenario-format.md documents every preset, override setting, agent type, agent parameter,
 * metric probe, every series and counter (with its kind and unit) and every agent's status line.
 */
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
  void everyKeyTheReaderAcceptsIsDocumented() throws IOException {
    String doc = doc();
    for (String key : ScenarioReader.allKeys()) {
      assertThat(doc).as("scenario key " + key).containsPattern("`" + key + "[:`]");
    }
  }

  @Test
  void everyOverrideSettingIsDocumentedInItsSectionsTable() throws IOException {
    String doc = doc();
    for (var preset : Presets.all().values()) {
      preset
          .settings()
          .forEach(
              (section, values) -> {
                String heading = "#### `" + section + "`";
                assertThat(doc).as("settings table of section " + section).contains(heading);
                int start = doc.indexOf(heading) + heading.length();
                int end = doc.indexOf("\n#", start);
                String table = doc.substring(start, end < 0 ? doc.length() : end);
                for (String setting : values.keySet()) {
                  assertThat(table)
                      .as(section + " setting " + setting)
                      .contains("| `" + setting + "` |");
                }
              });
    }
  }

  @Test
  void everySeriesCounterAndAgentStatusIsExplainedWithItsUnit() throws IOException {
    String doc = doc();
    for (MetricInfo m : ScenarioMetrics.declared()) {
      if (m.pattern().startsWith("test.")) continue; // registered by other tests
      assertThat(doc)
          .as(m.pattern())
          .containsPattern(
              "\\| `"
                  + java.util.regex.Pattern.quote(m.pattern())
                  + "` \\| "
                  + (m.isCounter() ? "counter" : "series")
                  + " \\| "
                  + java.util.regex.Pattern.quote(m.unit())
                  + " \\| [^|]{10,}\\|");
    }
    for (var t : Agents.all().values()) {
      String status = t.statusHelp();
      String shape = status.substring(0, status.indexOf("`", 1) + 1);
      assertThat(doc).as("status of " + t.type()).contains(shape);
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
