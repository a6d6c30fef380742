package dev.palletsim.frame.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StateHashed;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import dev.palletsim.testkit.MockRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a snapshot file can be bad (issue 14, point 4): each gives a {@link SnapshotException}
 * naming the file and the problem, and a failed write leaves nothing under the target name.
 */
class SnapshotCorruptionTest {
  @TempDir Path dir;
  Runtime runtime;
  Chain chain;
  Path file;
  byte[] good;

  @BeforeEach
  void save() throws Exception {
    var b = SnapshotTest.network(SnapshotTest.CONFIG);
    runtime = b.build();
    chain = SnapshotTest.busyChain(runtime, b);
    file = dir.resolve("net.psnap");
    chain.save(file);
    good = Files.readAllBytes(file);
  }

  @AfterEach
  void restoreOpener() {
    SnapshotFiles.opener = DEFAULT_OPENER;
  }

  static final SnapshotFiles.Opener DEFAULT_OPENER = SnapshotFiles.opener;

  private SnapshotException loadFails(byte[] content) throws IOException {
    Path bad = dir.resolve("bad.psnap");
    Files.write(bad, content);
    SnapshotException e =
        catchThrowableOfType(() -> Chain.load(runtime, bad), SnapshotException.class);
    assertThat(e).as("loading must fail").isNotNull();
    assertThat(e.file()).isEqualTo(bad);
    assertThat(e.getMessage()).startsWith(bad + ": ");
    return e;
  }

  @Test
  void aTruncatedFileIsReportedAsTruncatedWhereverItIsCut() throws IOException {
    assertThat(loadFails(new byte[0]).getMessage()).contains("the file is empty");
    SplittableRandom random = new SplittableRandom(14);
    int[] cuts = {
      1, 7, 8, 12, 27, 28, 200, good.length / 2, good.length - 17, good.length - 16, good.length - 1
    };
    for (int cut : cuts) {
      SnapshotException e = loadFails(Arrays.copyOf(good, cut));
      assertThat(e.problem()).as("cut at " + cut).isEqualTo(Problem.TRUNCATED);
      assertThat(e.getMessage()).contains("cut short");
    }
    for (int i = 0; i < 50; i++) {
      int cut = 1 + random.nextInt(good.length - 1);
      assertThat(loadFails(Arrays.copyOf(good, cut)).problem())
          .as("cut at " + cut)
          .isEqualTo(Problem.TRUNCATED);
    }
  }

  @Test
  void aFlippedByteAnywhereIsCaught() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    int checked = 0;
    for (int pos = 0;
        pos < good.length;
        pos += pos < 400 ? 1 : 1 + random.nextInt(good.length / 300)) {
      byte[] bad = good.clone();
      bad[pos] ^= (byte) (1 << random.nextInt(8));
      SnapshotException e = loadFails(bad);
      Problem expected =
          pos < 8
              ? Problem.NOT_A_SNAPSHOT
              : pos >= good.length - 4 ? Problem.TRUNCATED : Problem.CORRUPT;
      assertThat(e.problem()).as("byte " + pos + ": " + e.getMessage()).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(600);
  }

  @Test
  void aChangeThatStillDecodesIsCaughtByTheChecksum() throws IOException {
    // the state hash text in the header: a hex digit changed to another decodes fine
    String text = new String(good, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(chain.world().stateHashHex());
    assertThat(at).isPositive();
    byte[] bad = good.clone();
    bad[at] = (byte) (bad[at] == '0' ? '1' : '0');
    SnapshotException e = loadFails(bad);
    assertThat(e.problem()).isEqualTo(Problem.CORRUPT);
    assertThat(e.getMessage()).contains("checksum does not match");
  }

  @Test
  void aFileOfAnotherFormatIsNamedForWhatItLooksLike() throws IOException {
    assertThat(loadFails(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}).getMessage())
        .contains("not a palletsim snapshot")
        .contains("50 4b 03 04")
        .contains("a zip archive");
    assertThat(loadFails(new byte[] {0x1f, (byte) 0x8b, 8, 0}).getMessage()).contains("gzip data");
    assertThat(
            loadFails("name: quickstart\nseed: 42\n".getBytes(StandardCharsets.UTF_8)).getMessage())
        .contains("(text)");
    assertThat(loadFails("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)).problem())
        .isEqualTo(Problem.NOT_A_SNAPSHOT);
  }

  @Test
  void aNewerFormatVersionIsToldApartFromDamage() throws IOException {
    byte[] newer = good.clone();
    newer[11] = 2;
    resealChecksum(newer);
    SnapshotException e = loadFails(newer);
    assertThat(e.problem()).isEqualTo(Problem.NEWER_VERSION);
    assertThat(e.getMessage())
        .contains("format version 2 by palletsim " + Snapshot.palletsimVersion())
        .contains("reads format version 1")
        .contains("upgrade palletsim");
    byte[] damaged = good.clone();
    damaged[11] = 2; // the same change, but the checksum no longer holds
    assertThat(loadFails(damaged).problem()).isEqualTo(Problem.CORRUPT);
  }

  private static void resealChecksum(byte[] b) {
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - Snapshot.TRAILER);
    ByteBuffer.wrap(b, b.length - 8, 4).putInt((int) crc.getValue());
  }

  @Test
  void anUnreadablePathSaysWhy() throws IOException {
    Path missing = dir.resolve("missing.psnap");
    assertThatThrownBy(() -> Chain.load(runtime, missing))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(missing + ": cannot read the snapshot: no such file");
    assertThatThrownBy(() -> Chain.load(runtime, dir))
        .hasMessage(dir + ": cannot read the snapshot: it is a directory, not a file");
    Path underFile = file.resolve("x.psnap");
    assertThatThrownBy(() -> Chain.load(runtime, underFile))
        .isInstanceOf(SnapshotException.class)
        .satisfies(
            e -> assertThat(((SnapshotException) e).problem()).isEqualTo(Problem.UNREADABLE));
    Path locked = dir.resolve("locked.psnap");
    Files.write(locked, good);
    if (locked.toFile().setReadable(false) && !Files.isReadable(locked)) { // not as root
      assertThatThrownBy(() -> Chain.load(runtime, locked))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    chain.runBlocks(3);
    SnapshotFiles.opener =
        temp ->
            new FailingChannel(
                Files.newByteChannel(
                    temp,
                    java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE),
                5000);
    assertThatThrownBy(() -> chain.save(file))
        .isInstanceOf(SnapshotException.class)
        .hasMessage(
            file
                + ": cannot write the snapshot: No space left on device (nothing was written under"
                + " this name)")
        .satisfies(
            e -> assertThat(((SnapshotException) e).problem()).isEqualTo(Problem.WRITE_FAILED));
    assertThat(Files.readAllBytes(file)).isEqualTo(good);
    Path fresh = dir.resolve("fresh.psnap");
    assertThatThrownBy(() -> chain.save(fresh)).isInstanceOf(SnapshotException.class);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("net.psnap");
    }
  }

  @Test
  void aTargetThatCannotBeWrittenSaysWhy() {
    Path noDir = dir.resolve("no/such/dir/net.psnap");
    assertThatThrownBy(() -> chain.save(noDir))
        .hasMessage(
            noDir
                + ": cannot write the snapshot: directory "
                + noDir.getParent()
                + " does not exist");
    assertThatThrownBy(() -> chain.save(dir))
        .hasMessage(dir + ": cannot write the snapshot: it is a directory");
  }

  /** A value class that hashes itself but registers no codec. */
  static final class Opaque implements StateHashed {
    @Override
    public long stateHash() {
      return 1;
    }
  }

  @Test
  void aValueWithoutCodecIsRefusedNamingTheItemAndClass() {
    StorageValue<Object> item = StorageValue.optional("Odd", "Thing");
    Chain odd =
        MockRuntime.builder()
            .pallet(
                new Pallet() {
                  @Override
                  public String name() {
                    return "Odd";
                  }

                  @Override
                  public void buildGenesis(Tx tx, Genesis genesis) {
                    item.put(tx, new Opaque());
                  }
                })
            .start();
    Path target = dir.resolve("odd.psnap");
    assertThatThrownBy(() -> odd.save(target))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("storage item Odd.Thing")
        .hasMessageContaining("no snapshot codec for " + Opaque.class.getName())
        .satisfies(
            e ->
                assertThat(((SnapshotException) e).problem()).isEqualTo(Problem.UNSUPPORTED_VALUE));
    assertThat(target).doesNotExist();
  }

  /** A channel that accepts {@code limit} bytes, then fails as a full disk does. */
  static final class FailingChannel implements WritableByteChannel {
    private final WritableByteChannel inner;
    private long left;

    FailingChannel(WritableByteChannel inner, long limit) {
      this.inner = inner;
      this.left = limit;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (src.remaining() > left) {
        ByteBuffer part = src.slice().limit((int) left);
        inner.write(part);
        src.position(src.position() + (int) left);
        left = 0;
        throw new IOException("No space left on device");
      }
      left -= src.remaining();
      return inner.write(src);
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
