package dev.palletsim.frame.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot that cannot be written or loaded: the file it concerns, what kind of problem it is,
 * and a message naming both ({@code runs/net.psnap: truncated: …}). Every way a snapshot can fail
 * (an unreadable path, another format, a newer version, a truncated or damaged file, a type this
 * palletsim does not know, a different runtime config, a failed write) is one of these, never a raw
 * exception from the codec.
 */
public final class SnapshotException extends IOException {
  /** The kinds of problem. */
  public enum Problem {
    /** The file cannot be opened or read (missing, a directory, no permission, I/O error). */
    UNREADABLE,
    /** The file is not a palletsim snapshot (another format, or empty). */
    NOT_A_SNAPSHOT,
    /** The file was written in a newer format version than this palletsim reads. */
    NEWER_VERSION,
    /** The file ends early: it was cut short, or is still being written. */
    TRUNCATED,
    /** The file is damaged: its checksum or its content does not hold together. */
    CORRUPT,
    /** The file names a type this palletsim does not have, or has in another shape. */
    UNKNOWN_TYPE,
    /** The snapshot was saved by a runtime whose configuration differs from this one's. */
    CONFIG_MISMATCH,
    /** The chain holds a value a snapshot cannot write (not a storable value). */
    UNSUPPORTED_VALUE,
    /** The file cannot be written (no such directory, no permission, disk full…). */
    WRITE_FAILED
  }

  /** The file read or written. */
  private final Path file;

  /** What kind of problem it is. */
  private final Problem problem;

  /** The problem in words. */
  private final String detail;

  /** A problem with {@code file}; {@code detail} says what is wrong in a sentence. */
  public SnapshotException(Path file, Problem problem, String detail, Throwable cause) {
    super(file + ": " + describe(problem) + ": " + detail, cause);
    this.file = file;
    this.problem = problem;
    this.detail = detail;
  }

  /** A problem with {@code file} without an underlying exception. */
  public SnapshotException(Path file, Problem problem, String detail) {
    this(file, problem, detail, null);
  }

  private static String describe(Problem p) {
    return switch (p) {
      case UNREADABLE -> "cannot read the snapshot";
      case NOT_A_SNAPSHOT -> "not a palletsim snapshot";
      case NEWER_VERSION -> "snapshot from a newer palletsim";
      case TRUNCATED -> "snapshot is truncated";
      case CORRUPT -> "snapshot is damaged";
      case UNKNOWN_TYPE -> "snapshot holds a type this palletsim cannot read";
      case CONFIG_MISMATCH -> "snapshot was saved with another runtime config";
      case UNSUPPORTED_VALUE -> "cannot save this chain";
      case WRITE_FAILED -> "cannot write the snapshot";
    };
  }

  /** The file the problem is about. */
  public Path file() {
    return file;
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }

  /** What is wrong, without the file name. */
  public String detail() {
    return detail;
  }
}
