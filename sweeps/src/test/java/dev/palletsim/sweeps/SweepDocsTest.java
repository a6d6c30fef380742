package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/scenario-format.md's Sweeps section documents every key a sweep file may use. */
class SweepDocsTest {
  @Test
  void everyKeyTheSweepReaderAcceptsIsDocumentedInTheSweepsSection() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "scenario-format.md"));
    int start = doc.indexOf("## Sweeps");
    assertThat(start).isNotNegative();
    String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
    for (String key : SweepReader.allKeys()) {
      assertThat(section).as("sweep key " + key).containsPattern("`" + key + "[:`]");
    }
    for (Target.Kind kind : Target.Kind.values()) {
      assertThat(section)
          .as("axis target " + kind)
          .containsIgnoringCase("`" + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    for (Collect.Kind kind : Collect.Kind.values()) {
      assertThat(section).as("collect " + kind).contains("`" + kind.word() + "(");
    }
  }
}
