package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.PalletError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every typed error of every pallet has a Filecoin exit code and a row in docs/filecoin-parity.md
 * ("Exit codes") with that code, and every row names an error that exists (issue 12 point 6). The
 * error enums are found on the classpath (every {@link PalletError} enum of palletsim's main
 * classes), so an enum added by any pallet is checked without being listed here.
 */
class ExitCodesTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Za-z:]+)` \\| (\\d+) \\| `([A-Z_]+)` \\|", Pattern.MULTILINE);

  /** The documented rows: error → (code, name). */
  static Map<String, String> documented() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "filecoin-parity.md"));
    int start = doc.indexOf("## Exit codes");
    assertThat(start).as("the Exit codes section").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    Matcher m = ROW.matcher(end < 0 ? doc.substring(start) : doc.substring(start, end));
    Map<String, String> rows = new TreeMap<>();
    while (m.find()) {
      assertThat(rows.put(m.group(1), m.group(2) + " " + m.group(3)))
          .as("row " + m.group(1) + " once")
          .isNull();
    }
    return rows;
  }

  /** The pallet error enums of palletsim's main classes on the classpath. */
  static List<Class<? extends PalletError>> errorEnums() throws IOException {
    List<Class<? extends PalletError>> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) continue;
      for (String name : classNames(new File(entry))) {
        Class<?> c;
        try {
          c = Class.forName(name, false, ExitCodesTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (c.isEnum() && PalletError.class.isAssignableFrom(c)) {
          out.add(c.asSubclass(PalletError.class));
        }
      }
    }
    return out;
  }

  private static List<String> classNames(File entry) throws IOException {
    List<String> names = new ArrayList<>();
    if (entry.isDirectory()) {
      Path root = entry.toPath();
      Path base = root.resolve("dev/palletsim");
      if (!Files.isDirectory(base)) return names;
      try (Stream<Path> files = Files.walk(base)) {
        files
            .map(p -> root.relativize(p).toString())
            .filter(n -> n.endsWith(".class"))
            .forEach(n -> names.add(toClassName(n)));
      }
    } else if (entry.getName().endsWith(".jar")) {
      try (JarFile jar = new JarFile(entry)) {
        jar.stream()
            .map(e -> e.getName())
            .filter(n -> n.startsWith("dev/palletsim/") && n.endsWith(".class"))
            .forEach(n -> names.add(toClassName(n)));
      }
    }
    return names;
  }

  private static String toClassName(String path) {
    return path.substring(0, path.length() - ".class".length())
        .replace('/', '.')
        .replace(File.separatorChar, '.');
  }

  @Test
  void everyPalletErrorVariantHasADocumentedExitCode() throws IOException {
    Map<String, String> rows = documented();
    List<Class<? extends PalletError>> enums = errorEnums();
    List<String> pallets = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Class<? extends PalletError> type : enums) {
      for (PalletError e : type.getEnumConstants()) {
        String key = e.pallet() + "::" + e.name();
        ExitCode code = e.exitCode();
        assertThat(code).as(key).isNotNull().isNotEqualTo(ExitCode.OK);
        assertThat(rows.get(key)).as("docs row of " + key).isEqualTo(code.value() + " " + code);
        assertThat(DispatchError.module(e).exitCode()).isEqualTo(code);
        seen.add(key);
        if (!pallets.contains(e.pallet())) pallets.add(e.pallet());
      }
    }
    // the scan found every pallet's errors
    assertThat(pallets)
        .contains(
            "Balances",
            "Session",
            "Market",
            "StorageProvider",
            "CollatorPower",
            "CollatorSelection");

    // DispatchError's own variants
    Map<String, DispatchError> own = new TreeMap<>();
    own.put("BadOrigin", DispatchError.badOrigin());
    for (ArithmeticError k : ArithmeticError.values()) {
      own.put("Arithmetic::" + k, DispatchError.arithmetic(k));
    }
    own.put("BadInput", DispatchError.badInput("x"));
    own.put("Exhausted", new DispatchError.Exhausted());
    for (InvalidTransaction k : InvalidTransaction.values()) {
      own.put("InvalidTransaction::" + k, new DispatchError.Invalid(k));
    }
    own.put("Bug", new DispatchError.Bug("E", "m"));
    own.forEach(
        (key, error) -> {
          ExitCode code = error.exitCode();
          assertThat(rows.get(key)).as("docs row of " + key).isEqualTo(code.value() + " " + code);
          seen.add(key);
        });

    // no row names an error that does not exist
    assertThat(seen).containsAll(rows.keySet());
  }

  @Test
  void theMarketsDealErrorsAreBuiltinActorsCodes() {
    assertThat(dev.palletsim.market.MarketError.DealNotFound.exitCode().value()).isEqualTo(17);
    assertThat(dev.palletsim.market.MarketError.DealExpired.exitCode().value()).isEqualTo(32);
    assertThat(dev.palletsim.market.MarketError.DealNotActivated.exitCode().value()).isEqualTo(33);
  }
}
