package dev.palletsim.sim;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metric probes a scenario's {@code metrics:} list can name, starting with frame's {@link
 * Probes}. A probe either takes no argument ({@code block-weight}) or one ({@code
 * finalize-work(Market)}, for a pallet's end-of-block cron work). Pallet-specific probes join with
 * {@link #register} or {@link #registerWithArgument}, usually from a {@link SimulationExtension}
 * (the storage runtime's probes do); every entry declares the series and counters it records as
 * {@link MetricInfo}s, with their unit and meaning, so that {@code palletsim list}, the reports and
 * chart axes describe them from one place.
 */
public final class MetricCatalog {
  private static final Registry<Entry> ENTRIES = new Registry<>();

  /**
   * False while this class initialises: frame's probes register without first running the
   * extensions, so they come first and this class's initialisation never waits on an extension's.
   */
  private static boolean initialised;

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
   * @param metrics the series and counters it records; the label {@code <argumentLabel>} stands for
   *     the argument
   * @param argument what its argument names
   * @param argumentLabel the label the argument fills in the metric names ({@code pallet}), or
   *     {@code ""} without argument
   * @param factory a fresh probe for a run, given the argument ({@code null} for none)
   */
  public record Entry(
      String name,
      String description,
      List<MetricInfo> metrics,
      Argument argument,
      String argumentLabel,
      Function<String, MetricProbe> factory) {}

  static {
    register(
        "block-weight",
        "total weight of each block",
        List.of(
            MetricInfo.series(
                "block.weight_us",
                MetricInfo.MICROS,
                "the block's total weight: extrinsics, hooks and the base block weight")),
        Probes::blockWeight);
    register(
        "extrinsics",
        "extrinsics and failed extrinsics per block",
        List.of(
            MetricInfo.series("block.extrinsics", "extrinsics", "extrinsics included in the block"),
            MetricInfo.series(
                "block.failed_extrinsics",
                "extrinsics",
                "extrinsics of the block that failed (with a typed error, their effects reverted)")),
        Probes::extrinsics);
    register(
        "total-issuance",
        "Balances' total issuance after each block",
        List.of(
            MetricInfo.series(
                "balances.total_issuance_tokens",
                MetricInfo.TOKEN,
                "Balances' total issuance: every token in existence, free and reserved")),
        Probes::totalIssuance);
    register(
        "fees",
        "transaction fees paid per block, tips among them, and extrinsics refused unpaid",
        List.of(
            MetricInfo.series(
                "fees.paid_tokens",
                MetricInfo.TOKEN,
                "what the block's signed extrinsics paid in fees, tips included, after refunds"
                    + " (failed ones too)"),
            MetricInfo.series(
                "fees.tips_tokens", MetricInfo.TOKEN, "the tips among the block's fees"),
            MetricInfo.series(
                "fees.unpaid_extrinsics",
                "extrinsics",
                "extrinsics refused before they ran because their sender could not pay the fee")),
        Probes::fees);
    register(
        "authorship",
        "blocks authored per account (counters)",
        List.of(
            MetricInfo.counter(
                "authored.<account>", "blocks", "blocks the account authored (Aura's slot owner)")),
        Probes::authorship);
    registerWithArgument(
        "finalize-work",
        Argument.PALLET,
        "pallet",
        "weight and work items of a pallet's on_finalize hook (its cron work) per block",
        List.of(
            MetricInfo.series(
                "weight.<pallet>.on_finalize_us",
                MetricInfo.MICROS,
                "weight of the pallet's on_finalize hook in the block (its end-of-block cron work)"),
            MetricInfo.series(
                "items.<pallet>.on_finalize",
                "items",
                "work items the pallet's on_finalize hook processed in the block (deals settled or"
                    + " timed out, for the market)")),
        Probes::finalizeWork);
    initialised = true;
  }

  private MetricCatalog() {}

  /** Adds a probe without argument (replacing one of the same name). */
  public static void register(
      String name, String description, List<MetricInfo> metrics, Supplier<MetricProbe> probe) {
    if (initialised) SimulationExtensions.load();
    ENTRIES.put(
        name,
        new Entry(name, description, List.copyOf(metrics), Argument.NONE, "", a -> probe.get()));
  }

  /**
   * Adds a probe taking one argument, written {@code name(argument)} in scenario files; the
   * argument fills the label {@code <argumentLabel>} of its metrics' names.
   */
  public static void registerWithArgument(
      String name,
      Argument argument,
      String argumentLabel,
      String description,
      List<MetricInfo> metrics,
      Function<String, MetricProbe> probe) {
    if (initialised) SimulationExtensions.load();
    if (argument == Argument.NONE) throw new IllegalArgumentException("use register()");
    if (argumentLabel == null || argumentLabel.isBlank()) {
      throw new IllegalArgumentException(name + ": the argument needs a label");
    }
    ENTRIES.put(
        name, new Entry(name, description, List.copyOf(metrics), argument, argumentLabel, probe));
  }

  /** The entry called {@code name}, or null. */
  public static Entry entry(String name) {
    SimulationExtensions.load();
    return ENTRIES.get(name);
  }

  /** Every entry, in registration order. */
  public static Map<String, Entry> all() {
    SimulationExtensions.load();
    return ENTRIES.all();
  }

  /** The probes a scenario records when it names none: every frame probe without argument. */
  public static List<String> defaults() {
    return List.of("block-weight", "extrinsics", "total-issuance", "authorship");
  }
}
