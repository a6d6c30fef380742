package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.sim.MetricProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The state hashes of every example scenario, run to its full length, equal the hashes recorded
 * before the state hash became lazy (issue 16, point 2): the final hash (of the world with the next
 * block open, as the CLI reports it), the hash after every {@value #CHECKPOINT}-th block, and a
 * digest folding in, for every block, the hash its record carries and the hash of the world once
 * the next block is initialised. The recording ({@code recorded-state-hashes.tsv}) was made with
 * eager hashing: first on main at {@code efa77f8}, the commit the lazy hashing started from (its
 * final hashes were also the {@code finalStateHash} that {@code ./palletsim run} wrote into each
 * run's {@code metrics.json} there, so the recording did not come from this test's code path
 * alone), then again on main at {@code de49db5}, still eager, after the market and miner parity had
 * changed what the scenarios store, just before the lazy hashing was merged. Scenarios added later
 * (invalid-proofs) are recorded when they are added, as regression guards. Re-recorded when the
 * verified registry and quality-adjusted power were merged (issues 12 and 21): sectors, deadlines,
 * providers and power claims store quality-adjusted fields, so every hash moved, while every
 * scenario's metrics stayed those of main before the merge but for {@code block.weight_us} (more
 * reads metered: a deal's pending allocation, the power of each sector a PoSt proves). Re-recorded
 * again when that work met main's transaction fees (issue 21 point 3): both changes together, the
 * fees the testnet preset charges every signed extrinsic (the fee pallet's account, fees moved into
 * the pot, the nonces of failed calls) on top of the quality-adjusted fields, so every scenario
 * that stores sectors moved; the transaction-fees scenario, which stores none, kept its hashes.
 * Re-recorded once more when the storage provider's sector sets became run-length bit fields (issue
 * 16): partitions' and expiration queues' sets and {@code AllocatedSectorNumbers} (one bit field
 * per provider instead of a double map of flags) are stored and hashed in their new shape, and the
 * market's deals and the provider's sectors are stored packed; {@code AllocatedSectorNumbers}'
 * change was checked first by hashing the new item as the old one would have been hashed, which
 * reproduced every recorded hash. Every scenario that stores sectors moved; transaction-fees kept
 * its hashes. Re-recorded when kept optimistic Window PoSts became a bit field of sectors per
 * partition with sealed CIDs only for sectors updated or gone since (issue 16): the four runs under
 * mainnet-like, whose PoSts are kept for disputes (optimistic-post-disputes, -undisputed and both
 * fip-0074-scale variants), moved; every other run kept its hashes, and the four runs' metrics,
 * counters and reports stayed byte for byte those of main but for the final hash.
 *
 * <p>Re-record only on purpose, when a change of state is meant (a new storage item, a changed
 * rule): {@code mvn -pl examples -am test -Dtest=RecordedStateHashesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpalletsim.recordStateHashes=true}, and say why in the
 * commit.
 */
class RecordedStateHashesTest {
  static final long CHECKPOINT = 100;
  static final Path RECORDING = Path.of("src/test/resources/recorded-state-hashes.tsv");

  /** What one run produced: its length, final hash, digest of all block hashes, checkpoints. */
  record Hashes(long blocks, String finalHash, String digest, List<String> checkpoints) {
    String line(String run) {
      return String.join(
          "\t", run, Long.toString(blocks), finalHash, digest, String.join(",", checkpoints));
    }

    static Hashes parse(String[] f) {
      return new Hashes(Long.parseLong(f[1]), f[2], f[3], List.of(f[4].split(",")));
    }
  }

  static Map<String, Hashes> runAll() throws IOException {
    Map<String, Hashes> out = new LinkedHashMap<>();
    for (Path file : ExampleScenariosTest.scenarioFiles()) {
      Scenario s = ScenarioReader.read(file);
      List<Scenario> runs =
          s.variants().isEmpty() ? List.of(s) : s.variants().stream().map(s::forVariant).toList();
      for (Scenario run : runs) {
        String name = run.variant().isEmpty() ? s.name() : s.name() + "/" + run.variant();
        out.put(name, run(run));
      }
    }
    return out;
  }

  static Hashes run(Scenario s) {
    long[] digest = {0x5265636f72646564L};
    long[] last = {0};
    List<String> checkpoints = new ArrayList<>();
    MetricProbe hashes =
        (rt, block, world, metrics) -> {
          digest[0] = Bytes.mix(Bytes.mix(digest[0], block.stateHash()), world.stateHash());
          last[0] = block.number();
          if (block.number() % CHECKPOINT == 0) checkpoints.add(hex(block.stateHash()));
        };
    var result = s.simulationBuilder(s.seed(), s.runLength()).probe(hashes).build().run();
    assertThat(result.blocksRun()).isEqualTo(s.runLength());
    return new Hashes(last[0], result.finalStateHash(), hex(digest[0]), List.copyOf(checkpoints));
  }

  static String hex(long h) {
    return String.format("%016x", h);
  }

  @TestFactory
  Stream<DynamicTest> everyExampleScenarioReachesItsRecordedStateHashes() throws IOException {
    Map<String, Hashes> now = runAll();
    if (Boolean.getBoolean("palletsim.recordStateHashes")) {
      var lines = new ArrayList<String>();
      lines.add("# run\tblocks\tfinal\tdigest of every block's hash\thash every 100th block");
      now.forEach((run, h) -> lines.add(h.line(run)));
      Files.write(RECORDING, lines);
    }
    Map<String, Hashes> recorded = new LinkedHashMap<>();
    for (String line : Files.readAllLines(RECORDING)) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] f = line.split("\t");
      recorded.put(f[0], Hashes.parse(f));
    }
    assertThat(now.keySet()).as("every example run is recorded").isEqualTo(recorded.keySet());
    return now.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      Hashes want = recorded.get(e.getKey());
                      Hashes got = e.getValue();
                      assertThat(got.checkpoints())
                          .as("hash after every %d-th block", CHECKPOINT)
                          .isEqualTo(want.checkpoints());
                      assertThat(got.blocks()).isEqualTo(want.blocks());
                      assertThat(got.digest())
                          .as("digest of all block hashes")
                          .isEqualTo(want.digest());
                      assertThat(got.finalHash()).isEqualTo(want.finalHash());
                    }));
  }
}
