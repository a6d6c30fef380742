package dev.palletsim.benchmarks.tools;

import dev.palletsim.frame.primitives.BitField;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * Heap per member of a {@link BitField} beside a Vavr {@code TreeSet<Long>} (what partitions and
 * the allocated sector numbers hold today) for the shapes a partition's sets take (issue 16, point
 * 1), measured as {@link MemoryProbe} measures a network: HotSpot's class histogram (a full GC,
 * then every live object counted by class) before and after {@value #COPIES} sets of one shape are
 * built and kept, the difference divided by the members they hold. Every copy holds other numbers
 * (each shifted by 10^6), so no boxed {@code Long} is shared between copies.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx4g -cp benchmarks/target/benchmarks.jar \
 *     dev.palletsim.benchmarks.tools.BitFieldMemory
 * </pre>
 */
public final class BitFieldMemory {
  private BitFieldMemory() {}

  /** Sets of each shape built and measured together. */
  static final int COPIES = 1_000;

  /** A partition's capacity (32 GiB sectors, builtin-actors' window PoSt partition size). */
  static final int PARTITION = 2_349;

  /**
   * A shape: which of the numbers {@code 0 … PARTITION-1} (or beyond) are members.
   *
   * @param name what it stands for
   * @param span the numbers considered
   * @param member whether a number is a member (given a seeded random source)
   */
  record Shape(String name, long span, MemberRule member) {}

  /** Whether {@code n} is a member, drawing from {@code rng} if it needs chance. */
  @FunctionalInterface
  interface MemberRule {
    boolean test(long n, SplittableRandom rng);
  }

  static List<Shape> shapes() {
    return List.of(
        new Shape("dense: a full partition, one run", PARTITION, (n, r) -> true),
        new Shape(
            "dense with 1 % holes (terminated sectors)", PARTITION, (n, r) -> r.nextInt(100) != 0),
        new Shape("runs of 64 with gaps of 64", 2 * PARTITION, (n, r) -> (n / 64) % 2 == 0),
        new Shape("sparse: 1 in 10 (faults, recoveries)", 10L * PARTITION, (n, r) -> n % 10 == 0),
        new Shape("random half (worst case for runs)", 2 * PARTITION, (n, r) -> r.nextBoolean()),
        new Shape("a few members: 8 faulty sectors", PARTITION, (n, r) -> n % 293 == 7));
  }

  /** The members of copy {@code k} of {@code shape}. */
  static long[] members(Shape shape, int k, SplittableRandom rng) {
    long offset = k * 1_000_000L;
    LongPredicate in = n -> shape.member().test(n, rng);
    return java.util.stream.LongStream.range(0, shape.span())
        .filter(in)
        .map(n -> n + offset)
        .toArray();
  }

  /** Bytes per member of the {@code COPIES} sets {@code build} makes of {@code shape}. */
  static double bytesPerMember(Shape shape, java.util.function.Function<long[], Object> build) {
    SplittableRandom rng = new SplittableRandom(42);
    long[][] all = new long[COPIES][];
    long total = 0;
    for (int k = 0; k < COPIES; k++) {
      all[k] = members(shape, k, rng);
      total += all[k].length;
    }
    Map<String, Long> before = MemoryProbe.histogram();
    Object[] kept = new Object[COPIES];
    for (int k = 0; k < COPIES; k++) kept[k] = build.apply(all[k]);
    Map<String, Long> after = MemoryProbe.histogram();
    Reference.reachabilityFence(kept);
    long bytes = 0;
    for (var e : MemoryProbe.difference(after, before).entrySet()) {
      if (!e.getKey().equals(MemoryProbe.FILLER)) bytes += e.getValue();
    }
    // the array holding the copies is not part of any set
    bytes -= 16 + 4L * COPIES;
    return bytes / (double) total;
  }

  /** Prints the table. */
  public static void main(String[] args) {
    say(
        "%-44s %9s %10s %12s %12s %8s",
        "shape", "members", "runs", "BitField", "TreeSet<Long>", "ratio");
    List<String> rows = new ArrayList<>();
    for (Shape shape : shapes()) {
      long[] one = members(shape, 0, new SplittableRandom(42));
      BitField sample = BitField.of(one);
      double bf = bytesPerMember(shape, BitField::of);
      double tree =
          bytesPerMember(
              shape,
              m -> io.vavr.collection.TreeSet.ofAll(java.util.Arrays.stream(m).boxed().toList()));
      rows.add(
          String.format(
              Locale.ROOT,
              "%-44s %9d %10d %10.2f B %10.1f B %7.0f×",
              shape.name(),
              one.length,
              sample.runCount(),
              bf,
              tree,
              tree / bf));
    }
    rows.forEach(System.out::println);
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
