package dev.palletsim.sweeps;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a sweep on stderr, over runs: done, running and failed, runs per second and the
 * time left. On a terminal (or with {@code --progress}) a bar redrawn in place at most ten times a
 * second; otherwise, for CI logs, a plain line at each tenth of the runs once the sweep has taken
 * more than two seconds. Thread-safe: engines report from their worker threads.
 */
public final class SweepProgress {
  /** How progress is shown. */
  public enum Mode {
    /** A bar redrawn in place. */
    BAR,
    /** Plain periodic lines. */
    LINES,
    /** Nothing. */
    OFF
  }

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long QUIET_NANOS = 2_000_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final Mode mode;
  private final LongSupplier clock;
  private final int total;
  private final long started;
  private int done;
  private int running;
  private int failed;
  private long lastDraw = Long.MIN_VALUE;
  private int lastTenth;
  private int lastLength;
  private boolean drawn;

  /** Progress over {@code total} runs, timed by {@code clock} (nanoseconds). */
  public SweepProgress(PrintStream err, Mode mode, LongSupplier clock, int total) {
    this.err = err;
    this.mode = mode;
    this.clock = clock;
    this.total = total;
    this.started = clock.getAsLong();
  }

  /**
   * The mode: {@code forced} ({@code --progress}/{@code --no-progress}) if given, else a bar when
   * the launcher says stderr is a terminal ({@code PALLETSIM_STDERR_TTY=1}, {@code TERM} not dumb),
   * else lines.
   */
  public static Mode detect(Boolean forced) {
    if (forced != null) return forced ? Mode.BAR : Mode.OFF;
    boolean tty = "1".equals(System.getenv("PALLETSIM_STDERR_TTY"));
    return tty && !"dumb".equals(System.getenv("TERM")) ? Mode.BAR : Mode.LINES;
  }

  /** A run started. */
  public synchronized void started() {
    running++;
    draw(false);
  }

  /** A run finished; {@code ok} is false for a failed or erroneous run. */
  public synchronized void finished(boolean ok) {
    running = Math.max(0, running - 1);
    done++;
    if (!ok) failed++;
    draw(done == total);
  }

  /** Clears the bar's line so that what follows starts on a fresh line. */
  public synchronized void finish() {
    if (mode == Mode.BAR && drawn) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
    }
  }

  /** Runs finished per second so far. */
  public synchronized double rate() {
    double seconds = (clock.getAsLong() - started) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  private void draw(boolean last) {
    if (mode == Mode.OFF || total == 0) return;
    long now = clock.getAsLong();
    if (mode == Mode.BAR) {
      if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
      lastDraw = now;
      drawn = true;
      String line = line(now);
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
      err.flush();
      return;
    }
    int tenth = (int) ((long) done * 10 / total);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      if (now - started >= QUIET_NANOS || (drawn && last)) {
        drawn = true;
        err.println("palletsim: " + line(now));
      }
    }
  }

  /**
   * The bar or line: {@code [#####.....] 40/100 runs, 2 running, 1 failed, 3.1 runs/s, ETA 19s}.
   */
  String line(long now) {
    double seconds = (now - started) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    String eta =
        done < total && rate > 0
            ? String.format(Locale.ROOT, ", ETA %s", duration((total - done) / rate))
            : "";
    String bar = "";
    if (mode == Mode.BAR) {
      int filled = (int) ((long) BAR_WIDTH * done / total);
      bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
    }
    return String.format(
        Locale.ROOT,
        "%s%d/%d runs, %d running, %d failed, %.2f runs/s%s",
        bar,
        done,
        total,
        running,
        failed,
        rate,
        eta);
  }

  private static String duration(double seconds) {
    long s = (long) Math.ceil(seconds);
    if (s < 120) return s + "s";
    if (s < 7200) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
