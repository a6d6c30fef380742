package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages of this module import one way (issue 17): the agents ({@code dev.palletsim.agents})
 * use the sales machine ({@code .sales}) and the deal board ({@code .board}); the sales machine
 * uses the board; the board uses neither. Read from the compiled classes with the JDK's {@code
 * jdeps}, so a dependency through a field, a signature or a lambda counts as well as an import.
 * Between modules Maven keeps the rule (sim ← runtime-harness ← agents).
 */
class PackageDependenciesTest {
  @Test
  void agentsUseSalesAndBoardAndSalesUsesBoardNeverTheReverse() throws Exception {
    Path classes =
        Path.of(
            StorageProviderAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "-verbose:package",
            "-e",
            "dev\\.palletsim\\.agents(\\..*)?",
            classes.toString());
    assertThat(status).as(out.toString()).isZero();
    TreeSet<String> edges = new TreeSet<>();
    for (String line : out.toString().split("\n")) {
      String[] p = line.trim().split("\\s+");
      if (p.length >= 3
          && p[1].equals("->")
          && p[0].startsWith("dev.palletsim.")
          && !p[0].equals(p[2])) {
        edges.add(p[0] + " -> " + p[2]);
      }
    }
    assertThat(edges)
        .containsExactly(
            "dev.palletsim.agents -> dev.palletsim.agents.board",
            "dev.palletsim.agents -> dev.palletsim.agents.sales",
            "dev.palletsim.agents.sales -> dev.palletsim.agents.board");
  }
}
