package dev.palletsim.frame.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Chain;
import dev.palletsim.testkit.MockRuntime;
import dev.palletsim.testkit.OtherJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot's bytes depend on the chain only: the same chain saved in a JVM whose identity hash
 * codes are all equal ({@code -XX:hashCode=2}, so every enum and hash-ordered collection iterates
 * differently) gives the same file, and each JVM loads the other's.
 */
class SnapshotAcrossJvmsTest {
  @TempDir Path dir;

  /** Saves the sample chain to {@code file}; returns the SHA-256 of the file. */
  static String save(Path file) throws Exception {
    MockRuntime.Builder b = SnapshotTest.network(SnapshotTest.CONFIG);
    Chain chain = SnapshotTest.busyChain(b.build(), b);
    chain.save(file);
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    System.out.println(save(file) + " " + Snapshot.read(Path.of(args[1])).world().stateHashHex());
  }

  @Test
  void anotherJvmWritesTheSameBytesAndReadsThisOnesFile() throws Exception {
    Path here = dir.resolve("here.psnap");
    String digest = save(here);
    Path there = dir.resolve("there.psnap");
    String out = OtherJvm.lastLine(SnapshotAcrossJvmsTest.class, there.toString(), here.toString());
    String hash = Snapshot.read(here).world().stateHashHex();
    assertThat(out).isEqualTo(digest + " " + hash);
    assertThat(Files.readAllBytes(there)).isEqualTo(Files.readAllBytes(here));
  }
}
