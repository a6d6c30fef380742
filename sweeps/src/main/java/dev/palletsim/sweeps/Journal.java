package dev.palletsim.sweeps;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep's journal ({@code runs.journal} in its output directory): every finished run appended
 * as one line and flushed at once, so that an interrupted sweep keeps every run it finished and
 * {@code --resume} can skip them. Lines are tab-separated with escaped text; values are the
 * doubles' exact bits. A line cut short by the interruption fails to parse and is ignored.
 */
public final class Journal implements Closeable {
  /** The journal's file name. */
  public static final String FILE = "runs.journal";

  private static final String VERSION = "v1";

  private final BufferedWriter out;

  private Journal(BufferedWriter out) {
    this.out = out;
  }

  /** Opens the journal in {@code dir} for appending; {@code fresh} empties it first. */
  public static Journal open(Path dir, boolean fresh) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    if (fresh) Files.deleteIfExists(file);
    else truncateTornLine(file);
    return new Journal(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** Appends {@code r} and flushes it to the file. */
  public synchronized void append(RunRecord r) throws IOException {
    out.write(encode(r));
    out.write('\n');
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** Every complete record in the journal of {@code dir} (none if there is no journal). */
  public static List<RunRecord> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    List<RunRecord> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) return out;
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int start = 0;
    while (true) {
      int end = text.indexOf('\n', start);
      if (end < 0) break; // a last line without its newline was cut short
      RunRecord r = decode(text.substring(start, end));
      if (r != null) out.add(r);
      start = end + 1;
    }
    return out;
  }

  private static void truncateTornLine(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return;
    byte[] bytes = Files.readAllBytes(file);
    int keep = bytes.length;
    while (keep > 0 && bytes[keep - 1] != '\n') keep--;
    if (keep < bytes.length) {
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(keep);
      }
    }
  }

  static String encode(RunRecord r) {
    StringBuilder b = new StringBuilder(VERSION);
    b.append('\t').append(r.key());
    b.append('\t').append(r.point());
    b.append('\t').append(r.seed());
    b.append('\t').append(r.status().name());
    b.append('\t').append(r.blocksRun());
    b.append('\t').append(r.wallMillis());
    b.append('\t').append(escape(r.message()));
    b.append('\t').append(r.observations().size());
    for (RunRecord.Observation o : r.observations()) {
      b.append('\t').append(escape(o.metric()));
      b.append('\t').append(o.block());
      b.append('\t').append(Long.toHexString(Double.doubleToRawLongBits(o.value())));
    }
    return b.toString();
  }

  /** The record of one line, or null for a line that does not parse. */
  static RunRecord decode(String line) {
    String[] f = line.split("\t", -1);
    try {
      if (f.length < 9 || !f[0].equals(VERSION)) return null;
      int n = Integer.parseInt(f[8]);
      if (f.length != 9 + 3 * n) return null;
      List<RunRecord.Observation> obs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        obs.add(
            new RunRecord.Observation(
                unescape(f[9 + 3 * i]),
                Long.parseLong(f[10 + 3 * i]),
                Double.longBitsToDouble(Long.parseUnsignedLong(f[11 + 3 * i], 16))));
      }
      return new RunRecord(
          f[1],
          Integer.parseInt(f[2]),
          Long.parseLong(f[3]),
          RunRecord.Status.valueOf(f[4]),
          unescape(f[7]),
          Long.parseLong(f[5]),
          List.copyOf(obs),
          Long.parseLong(f[6]),
          RunRecord.UNKNOWN,
          RunRecord.UNKNOWN);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      b.append(
          switch (n) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> n;
          });
    }
    return b.toString();
  }
}
