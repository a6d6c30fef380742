package dev.palletsim.frame.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir Path dir;

  static MockRuntime.Builder network(SamplePallet.Config config) {
    return MockRuntime.builder()
        .pallet(new SamplePallet(config))
        .authorities(List.of(Dev.ALICE, Dev.BOB));
  }

  static final SamplePallet.Config CONFIG = new SamplePallet.Config(3, SamplePallet.Kind.Large);

  /** A chain some blocks in, with a call dispatched in the open block and an author offline. */
  static Chain busyChain(Runtime runtime, MockRuntime.Builder b) {
    Chain chain = runtime.start(b.genesis());
    chain.runToBlock(25);
    chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.CHARLIE, 12345));
    chain.setOnline(Dev.BOB, false);
    return chain;
  }

  @Test
  void aLoadedChainIsTheSavedOneAndRunsOnExactlyAsItWould() throws Exception {
    var b = network(CONFIG);
    Runtime runtime = b.build();
    Chain chain = busyChain(runtime, b);
    Path file = dir.resolve("chain.psnap");
    SnapshotHeader written = chain.save(file);

    Chain loaded = Chain.load(runtime, file);
    assertThat(loaded.stateHash()).isEqualTo(chain.stateHash());
    assertThat(loaded.world().itemKeys()).isEqualTo(chain.world().itemKeys());
    for (String key : chain.world().itemKeys()) {
      assertThat(loaded.world().rootByKey(key)).as(key).isEqualTo(chain.world().rootByKey(key));
      assertThat(loaded.world().itemHash(key)).as(key).isEqualTo(chain.world().itemHash(key));
    }
    assertThat(loaded.snapshot().block()).isEqualTo(chain.snapshot().block());
    assertThat(loaded.history()).isEqualTo(chain.history());
    assertThat(loaded.snapshot().offline()).containsExactly(Dev.BOB);
    assertThat(written.stateHash()).isEqualTo(chain.world().stateHashHex());
    assertThat(written.blockNumber()).isEqualTo(25);
    assertThat(written.lastBlock()).isEqualTo(24);

    for (int i = 0; i < 40; i++) {
      var a = chain.nextBlock();
      var c = loaded.nextBlock();
      assertThat(c).isEqualTo(a);
    }
    assertThat(loaded.stateHash()).isEqualTo(chain.stateHash());
  }

  @Test
  void equalChainsGiveByteIdenticalFilesAndTheHeaderReadsAlone() throws Exception {
    var b = network(CONFIG);
    Runtime runtime = b.build();
    Path one = dir.resolve("one.psnap");
    Path two = dir.resolve("two.psnap");
    busyChain(runtime, b).save(one);
    var again = network(CONFIG);
    busyChain(again.build(), again).save(two);
    assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(two));
    SnapshotHeader h = Snapshot.readHeader(one);
    assertThat(h.settings().get("sample.items-per-block").get()).isEqualTo("3");
    assertThat(h.settings().get("runtime.pallets").get())
        .isEqualTo("System, Balances, Session, Aura, Sample");
    assertThat(h.configHash())
        .isEqualTo(dev.palletsim.frame.executive.RuntimeSettings.hash(runtime.settings()));
    assertThat(h.palletsimVersion()).isNotBlank();
  }

  @Test
  void manyForksFromOneReadShareTheLoadedStateAndDoNotDisturbEachOther() throws Exception {
    var b = network(CONFIG);
    Runtime runtime = b.build();
    Chain chain = busyChain(runtime, b);
    Path file = dir.resolve("net.psnap");
    chain.save(file);
    Snapshot saved = Snapshot.read(file);
    Chain first = saved.chain(runtime);
    Chain second = saved.chain(runtime);
    assertThat(first.snapshot()).isSameAs(second.snapshot()); // O(1): the same immutable state
    first.runBlocks(10);
    assertThat(second.stateHash()).isEqualTo(chain.stateHash());
    second.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.DAVE, 1));
    second.runBlocks(10);
    assertThat(second.stateHash()).isNotEqualTo(first.stateHash());
    assertThat(saved.chain(runtime).stateHash()).isEqualTo(chain.stateHash());
  }

  @Test
  void aRuntimeWithAnotherConfigIsRefusedNamingTheSettingUnlessOverridden() throws Exception {
    var b = network(CONFIG);
    Path file = dir.resolve("net.psnap");
    busyChain(b.build(), b).save(file);
    Runtime other = network(new SamplePallet.Config(4, SamplePallet.Kind.Large)).build();
    assertThatThrownBy(() -> Chain.load(other, file))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("1 setting differs: sample.items-per-block: saved 3, this runtime 4")
        .hasMessageContaining("ConfigCheck.OVERRIDE")
        .satisfies(
            e -> assertThat(((SnapshotException) e).problem()).isEqualTo(Problem.CONFIG_MISMATCH));
    Runtime longerSessions = network(CONFIG).config(c -> c.sessionPeriod(11)).build();
    assertThatThrownBy(() -> Chain.load(longerSessions, file))
        .hasMessageContaining("runtime.session-period: saved 10, this runtime 11");

    Chain whatIf = Chain.load(other, file, ConfigCheck.OVERRIDE);
    long before = Snapshot.read(file).world().stateHash();
    assertThat(whatIf.stateHash()).isEqualTo(before);
    long entries = SamplePallet.NEXT.get(whatIf.world());
    whatIf.nextBlock();
    assertThat(SamplePallet.NEXT.get(whatIf.world())).isEqualTo(entries + 4); // the new config
  }

  @Test
  void harnessSettingsMayDifferAndTheHistoryIsCutToTheNewDepth() throws Exception {
    var b = network(CONFIG);
    Chain chain = busyChain(b.build(), b);
    Path file = dir.resolve("net.psnap");
    chain.save(file);
    Runtime relaxed =
        network(CONFIG)
            .config(c -> c.invariantCheckInterval(0).failOnBug(false).historyDepth(5))
            .build();
    Chain loaded = Chain.load(relaxed, file);
    assertThat(loaded.history()).hasSize(5);
    assertThat(loaded.history()).isEqualTo(chain.history().takeRight(5));
    assertThat(loaded.stateHash()).isEqualTo(chain.stateHash());
  }

  @Test
  void extraSectionsComeBackByName() throws Exception {
    var b = network(CONFIG);
    Chain chain = busyChain(b.build(), b);
    Path file = dir.resolve("net.psnap");
    var memory =
        new SamplePallet.Summary(
            io.vavr.collection.HashSet.of(Dev.EVE),
            io.vavr.collection.TreeMap.empty(),
            io.vavr.collection.Vector.empty(),
            List.of("x"));
    SnapshotHeader h = chain.save(file, new Section("notes", 2, memory));
    assertThat(h.sections()).containsExactly("notes/2");
    Snapshot s = Snapshot.read(file);
    assertThat(s.section("notes").get()).isEqualTo(new Section("notes", 2, memory));
    assertThat(s.section("other")).isEmpty();
  }

  /** A record only the notes section holds. */
  record Note(String text) {}

  @Test
  void aSectionOfAnUnknownTypeIsSetAsideAndTheChainStillLoads() throws Exception {
    var b = network(CONFIG);
    Runtime runtime = b.build();
    Chain chain = busyChain(runtime, b);
    Path file = dir.resolve("net.psnap");
    chain.save(file, new Section("notes", 1, new Note("hello")));
    byte[] bytes = Files.readAllBytes(file);
    String from = Note.class.getName();
    String latin1 = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(latin1).contains(from);
    byte[] renamed =
        latin1
            .replace(from, from.replace("Note", "Nxte"))
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(renamed, 0, renamed.length - Snapshot.TRAILER);
    java.nio.ByteBuffer.wrap(renamed, renamed.length - 8, 4).putInt((int) crc.getValue());
    Files.write(file, renamed);
    Snapshot s = Snapshot.read(file);
    assertThat(s.world().stateHash()).isEqualTo(chain.stateHash());
    assertThat(s.section("notes")).isEmpty();
    assertThat(s.unreadableSections().get("notes").get())
        .contains("SnapshotTest$Nxte does not exist");
  }

  @Test
  void savingReplacesAnOlderFileOnlyWithACompleteOne() throws Exception {
    var b = network(CONFIG);
    Runtime runtime = b.build();
    Chain chain = busyChain(runtime, b);
    Path file = dir.resolve("net.psnap");
    chain.save(file);
    chain.runBlocks(5);
    chain.save(file);
    assertThat(Chain.load(runtime, file).stateHash()).isEqualTo(chain.stateHash());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("net.psnap");
    }
  }
}
