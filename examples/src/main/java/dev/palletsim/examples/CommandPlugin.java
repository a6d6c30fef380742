package dev.palletsim.examples;

import java.io.PrintStream;

/**
 * A subcommand that a module on the classpath adds to the {@code palletsim} program, found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services} entry): {@code sweep} comes from the
 * sweeps module this way, so the program gains it without this module depending on sweeps and its
 * database and charting libraries.
 */
public interface CommandPlugin {
  /**
   * The picocli command object (annotated with {@code @Command}), printing to {@code out} and
   * {@code err}; a {@link ScenarioException} it throws is reported as a usage error (exit 2).
   */
  Object command(PrintStream out, PrintStream err);
}
