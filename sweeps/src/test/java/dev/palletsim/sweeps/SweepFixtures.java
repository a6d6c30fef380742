package dev.palletsim.sweeps;

import dev.palletsim.examples.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sweep files of the tests, and running the palletsim program on them in this JVM. */
public final class SweepFixtures {
  /** The tables every engine must write byte for byte the same. */
  public static final List<String> TABLES =
      List.of("results.csv", "runs.csv", "summary.csv", "results.parquet");

  private SweepFixtures() {}

  /** {@code sweeps/tiny.yaml} copied into {@code dir}. */
  public static Path tiny(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("tiny.yaml");
    try (InputStream in = SweepFixtures.class.getResourceAsStream("/sweeps/tiny.yaml")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /**
   * What a run of the program printed and its exit status.
   *
   * @param status the exit status
   * @param out standard output
   * @param err standard error
   */
  public record Result(int status, String out, String err) {}

  /** Runs {@code palletsim args…} in this JVM. */
  public static Result palletsim(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
