package dev.palletsim.examples;

import dev.palletsim.sim.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run on stderr. On a terminal (or with {@code --progress}) a bar redrawn in place at
 * most ten times a second; otherwise, so that CI logs stay clean, a plain line at each tenth of the
 * run, and only once the run has taken more than two seconds (short runs print nothing).
 */
final class ProgressReporter implements ProgressListener {
  /** How progress is shown. */
  enum Mode {
    /** A bar redrawn in place with carriage returns. */
    BAR,
    /** Plain periodic lines. */
    LINES,
    /** Nothing. */
    OFF
  }

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long QUIET_NANOS = 2_000_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final Mode mode;
  private final LongSupplier clock;
  private final long started;
  private long lastDraw = Long.MIN_VALUE;
  private long lastTenth;
  private boolean drawn;
  private int lastLength;

  ProgressReporter(PrintStream err, Mode mode, LongSupplier clock) {
    this.err = err;
    this.mode = mode;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  /**
   * The mode for this process: {@code forced} (from {@code --progress}/{@code --no-progress}) if
   * given, else a bar when the launcher says stderr is a terminal ({@code PALLETSIM_STDERR_TTY=1})
   * and {@code TERM} is not {@code dumb}, else lines.
   */
  static Mode detect(Boolean forced) {
    if (forced != null) return forced ? Mode.BAR : Mode.OFF;
    boolean tty = "1".equals(System.getenv("PALLETSIM_STDERR_TTY"));
    boolean dumb = "dumb".equals(System.getenv("TERM"));
    return tty && !dumb ? Mode.BAR : Mode.LINES;
  }

  @Override
  public void progress(long done, long total) {
    if (mode == Mode.OFF || total <= 0) return;
    long now = clock.getAsLong();
    if (mode == Mode.BAR) {
      if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
      lastDraw = now;
      drawn = true;
      String line = bar(done, total, now);
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
      err.flush();
      return;
    }
    long tenth = done * 10 / total;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      if (now - started >= QUIET_NANOS || (drawn && done == total)) {
        drawn = true;
        err.println(
            String.format(
                Locale.ROOT,
                "palletsim: block %d/%d (%d%%), %.0f blocks/s",
                done,
                total,
                tenth * 10,
                rate(done, now)));
      }
    }
  }

  /** Ends the bar's line so that what follows starts on a fresh line. */
  void finish() {
    if (mode == Mode.BAR && drawn) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
    }
  }

  String bar(long done, long total, long now) {
    int filled = (int) (BAR_WIDTH * done / total);
    String eta = "";
    double rate = rate(done, now);
    if (done < total && rate > 0)
      eta = String.format(Locale.ROOT, ", ETA %ds", (long) Math.ceil((total - done) / rate));
    return String.format(
        Locale.ROOT,
        "[%s%s] %3d%% block %d/%d, %.0f blocks/s%s",
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        done * 100 / total,
        done,
        total,
        rate,
        eta);
  }

  private double rate(long done, long now) {
    double seconds = (now - started) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }
}
