package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that its name only ever holds a complete file: the content goes to a temporary
 * file beside it ({@code .<name>.<pid>.<n>.tmp}), which is forced to disk, closed and renamed over
 * the target (atomically where the file system can), and the directory is forced so the rename
 * survives a crash. On any failure the temporary file is deleted and the target is left as it was.
 */
final class SnapshotFiles {
  private SnapshotFiles() {}

  /** Writes a file's content to a channel. */
  @FunctionalInterface
  interface Body {
    void write(WritableByteChannel channel) throws IOException;
  }

  /** Opens the temporary file for writing (tests substitute channels that fail). */
  @FunctionalInterface
  interface Opener {
    WritableByteChannel open(Path temp) throws IOException;
  }

  static volatile Opener opener =
      temp -> FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private static final AtomicLong COUNTER = new AtomicLong();

  /** The temporary name a write of {@code target} uses. */
  static Path temporary(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "."
            + COUNTER.incrementAndGet()
            + ".tmp");
  }

  static void write(Path file, Body body) throws SnapshotException {
    Path target = file.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (Files.isDirectory(target)) {
      throw new SnapshotException(file, Problem.WRITE_FAILED, "it is a directory");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new SnapshotException(
          file, Problem.WRITE_FAILED, "directory " + dir + " does not exist");
    }
    Path temp = temporary(target);
    WritableByteChannel channel = null;
    boolean moved = false;
    try {
      channel = opener.open(temp);
      body.write(channel);
      if (channel instanceof FileChannel fc) fc.force(true);
      channel.close();
      channel = null;
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      forceDirectory(dir);
    } catch (SnapshotException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SnapshotException(
          file,
          Problem.WRITE_FAILED,
          (e instanceof IOException io ? Snapshot.reason(io) : e.toString())
              + (moved ? "" : " (nothing was written under this name)"),
          e);
    } finally {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // already failing
        }
      }
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover temporary file, never the target
        }
      }
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not every platform can open a directory; the rename itself is done
    }
  }
}
