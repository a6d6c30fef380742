package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java block of docs/writing-a-pallet.md is code of this project, so the guide compiles. */
class GuideTest {
  @Test
  void everyJavaBlockOfTheGuideIsInThisProjectsSources() throws IOException {
    String guide = Files.readString(Path.of("../../docs/writing-a-pallet.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL).matcher(guide);
    while (m.find()) blocks.add(m.group(1));
    String sources;
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      sources =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .map(GuideTest::read)
              .collect(Collectors.joining("\n"));
    }
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    for (String block : blocks) assertThat(sources).as("the guide's block").contains(block);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
