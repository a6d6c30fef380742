package dev.palletsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs a main class of the test class path in a second JVM whose identity hash codes are all equal
 * ({@code -XX:hashCode=2}): every enum, and every collection ordered by identity hashes, iterates
 * differently there, so a result that matches this JVM's depends on none of them.
 */
public final class OtherJvm {
  private OtherJvm() {}

  /** The last line {@code main} printed in the other JVM; asserts that it exited with 0. */
  public static String lastLine(Class<?> main, String... args) throws Exception {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                javaBin,
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:hashCode=2",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String last;
    try (var in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      last = in.lines().reduce((a, b) -> b).orElse("");
    }
    assertThat(p.waitFor()).as(last).isZero();
    return last;
  }
}
