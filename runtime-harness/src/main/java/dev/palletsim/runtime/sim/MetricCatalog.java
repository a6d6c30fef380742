package dev.palletsim.runtime.sim;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metric probes a scenario's {@code metrics:} list can name, starting with frame's {@link
 * Probes}. A probe either takes no argument ({@code block-weight}) or one ({@code
 * finalize-work(Market)}, for a pallet's end-of-block cron work). Pallet-specific probes join with
 * {@link #register} or {@link #registerWithArgument}; every entry documents the series it records
 * so that {@code palletsim list} and the reports can describe them.
 */
public final class MetricCatalog {
  private static final Registry<Entry> ENTRIES = new Registry<>();

  /** What a probe's argument names: nothing, a pallet of the runtime, or free text. */
  public enum Argument {
    /** The probe takes no argument. */
    NONE,
    /** The argument is a pallet name of the scenario's runtime (checked when reading). */
    PALLET,
    /** The argument is free text the probe interprets. */
    TEXT
  }

  /**
   * One probe.
   *
   * @param name its name in scenario files
   * @param description one line on what it measures
   * @param series the series (or counters, written {@code counter <name>}) it records; {@code
   *     <arg>} stands for the argument
   * @param argument what its argument names
   * @param factory a fresh probe for a run, given the argument ({@code null} for none)
   */
  public record Entry(
      String name,
      String description,
      List<String> series,
      Argument argument,
      Function<String, MetricProbe> factory) {}

  static {
    register(
        "block-weight",
        "total weight of each block in microseconds",
        List.of("block.weight_us"),
        Probes::blockWeight);
    register(
        "extrinsics",
        "extrinsics and failed extrinsics per block",
        List.of("block.extrinsics", "block.failed_extrinsics"),
        Probes::extrinsics);
    register(
        "total-issuance",
        "Balances' total issuance in tokens after each block",
        List.of("balances.total_issuance_tokens"),
        Probes::totalIssuance);
    register(
        "authorship",
        "blocks authored per account (counters)",
        List.of("counter authored.<account>"),
        Probes::authorship);
    registerWithArgument(
        "finalize-work",
        Argument.PALLET,
        "weight and work items of a pallet's on_finalize hook (its cron work) per block",
        List.of("weight.<arg>.on_finalize_us", "items.<arg>.on_finalize"),
        Probes::finalizeWork);
  }

  private MetricCatalog() {}

  /** Adds a probe without argument (replacing one of the same name). */
  public static void register(
      String name, String description, List<String> series, Supplier<MetricProbe> probe) {
    ENTRIES.put(
        name, new Entry(name, description, List.copyOf(series), Argument.NONE, a -> probe.get()));
  }

  /** Adds a probe taking one argument, written {@code name(argument)} in scenario files. */
  public static void registerWithArgument(
      String name,
      Argument argument,
      String description,
      List<String> series,
      Function<String, MetricProbe> probe) {
    if (argument == Argument.NONE) throw new IllegalArgumentException("use register()");
    ENTRIES.put(name, new Entry(name, description, List.copyOf(series), argument, probe));
  }

  /** The entry called {@code name}, or null. */
  public static Entry entry(String name) {
    loadStorageProbes();
    return ENTRIES.get(name);
  }

  /** Every entry, in registration order. */
  public static Map<String, Entry> all() {
    loadStorageProbes();
    return ENTRIES.all();
  }

  /** The probes a scenario records when it names none: every frame probe without argument. */
  public static List<String> defaults() {
    return List.of("block-weight", "extrinsics", "total-issuance", "authorship");
  }

  /** The storage runtime's probes register themselves when first needed. */
  private static void loadStorageProbes() {
    dev.palletsim.runtime.StorageProbes.register();
  }
}
