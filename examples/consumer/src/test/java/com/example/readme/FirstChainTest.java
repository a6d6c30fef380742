package com.example.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows FirstChain.java verbatim, and it runs as the README says. */
class FirstChainTest {
  @Test
  void theReadmeShowsThisFileVerbatim() throws Exception {
    String source =
        Files.readString(Path.of("src/main/java/com/example/readme/FirstChain.java"));
    String readme = Files.readString(Path.of("../../README.md"));
    assertThat(readme).contains("```java\n" + source + "```");
  }

  @Test
  void itRunsAsShown() {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      FirstChain.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("Market::DuplicateProposal\ndeal 0 timed out in the fork: true\n");
  }
}
