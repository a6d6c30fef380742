package dev.palletsim.examples;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output directory of a run ({@code --out}), checked before the run starts and written all at
 * once at its end. {@link #prepare} refuses a target that is a file, that lies under a file or
 * where nothing can be created, and a directory that holds anything but an earlier run's outputs (a
 * run never deletes a user's files); it then creates a hidden staging directory next to the target,
 * which proves the place writable. The run writes its files there; {@link #commit} renames it to
 * the target (replacing an earlier run's directory), so the target name holds either nothing, the
 * earlier run's complete outputs or this run's complete outputs, never a half-written mix. A run
 * that fails or is interrupted ({@code Ctrl-C}, {@code kill}) deletes the staging directory (a
 * shutdown hook); only a hard kill can leave one behind, under a {@code .<name>.partial-…} name.
 */
final class OutputDir {
  /** The files that mark a directory as an earlier run's outputs. */
  static final Set<String> RUN_MARKERS = Set.of("run.json", "comparison.csv");

  /**
   * The directory checkpoints are written to inside the outputs ({@code <out>/checkpoints}, or
   * {@code <out>/<variant>/checkpoints}): written in place rather than staged, so that a run killed
   * mid-way leaves them for {@code --from-state}, and carried over when the outputs are replaced.
   */
  static final String CHECKPOINTS = "checkpoints";

  private final Path given;
  private final Path target;
  private final Path staging;
  private final List<Path> created;
  private final Thread cleanup;

  private OutputDir(Path given, Path target, Path staging, List<Path> created) {
    this.given = given;
    this.target = target;
    this.staging = staging;
    this.created = created;
    this.cleanup = new Thread(this::deleteStaging, "palletsim-cleanup");
  }

  /** Where the run's files go until {@link #commit}. */
  Path staging() {
    return staging;
  }

  /** The directory the outputs end up in, as given ({@code runs/quickstart-42}). */
  Path target() {
    return given;
  }

  /**
   * Checks {@code target} and creates the staging directory beside it; a problem is an {@link
   * IllegalArgumentException} whose message says what is wrong with {@code --out}.
   */
  static OutputDir prepare(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.getParent() == null) throw bad(target, "is the root of the file system");
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) throw bad(target, "is a file, not a directory");
      String foreign = foreignFile(abs);
      if (foreign != null) {
        throw bad(
            target,
            "already holds files that are not a palletsim run's outputs (such as "
                + foreign
                + "); name a new or empty directory, or an earlier run's");
      }
      if (!Files.isWritable(abs)) throw bad(target, "is not writable");
    }
    Path parent = abs.getParent();
    List<Path> created = new ArrayList<>();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing != null && !Files.isDirectory(existing)) {
      throw bad(target, "cannot be created: " + existing + " is a file");
    }
    try {
      Path p = existing;
      for (Path part : existing == null ? parent : existing.relativize(parent)) {
        p = p == null ? part : p.resolve(part);
        if (part.toString().isEmpty()) continue;
        Files.createDirectory(p);
        created.add(p);
      }
      Path staging =
          parent.resolve(
              "." + abs.getFileName() + ".partial-" + UUID.randomUUID().toString().substring(0, 8));
      Files.createDirectory(staging);
      OutputDir out = new OutputDir(target, abs, staging, created);
      Runtime.getRuntime().addShutdownHook(out.cleanup);
      return out;
    } catch (IOException e) {
      deleteEmpty(created);
      throw bad(target, "cannot be created: " + where(e) + InputFiles.reason(e));
    } catch (SecurityException e) {
      deleteEmpty(created);
      throw bad(target, "cannot be created: " + e.getMessage());
    }
  }

  /** Moves the staged outputs to the target, replacing an earlier run's outputs there. */
  void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      carryCheckpoints();
      old =
          target.resolveSibling(
              "." + target.getFileName() + ".old-" + UUID.randomUUID().toString().substring(0, 8));
      move(target, old);
    }
    try {
      move(staging, target);
    } catch (IOException e) {
      if (old != null) move(old, target);
      throw e;
    }
    if (old != null) deleteTree(old);
    forgetCleanup();
  }

  /** Deletes the staged outputs (the run failed): nothing appears under the target name. */
  void abandon() {
    deleteStaging();
    forgetCleanup();
  }

  private void deleteStaging() {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // a staging directory that cannot be deleted stays hidden under its .partial name
    }
    deleteEmpty(created);
  }

  private void forgetCleanup() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs or has run
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** A file in {@code dir} that no run writes, or null when it is empty or an earlier run's. */
  private static String foreignFile(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) names.add(p.getFileName().toString());
    } catch (IOException e) {
      return null; // unreadable: creating the staging directory reports the real problem
    }
    if (names.isEmpty() || names.stream().anyMatch(RUN_MARKERS::contains)) return null;
    if (onlyCheckpoints(dir)) return null; // a run killed before its outputs were written
    names.sort(Comparator.naturalOrder());
    return names.get(0);
  }

  /**
   * Whether {@code dir} holds nothing but checkpoint directories (at its top or one level down).
   */
  private static boolean onlyCheckpoints(Path dir) {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files
          .filter(f -> !f.equals(dir))
          .allMatch(
              f -> {
                Path rel = dir.relativize(f);
                if (rel.getName(0).toString().equals(CHECKPOINTS)) return true;
                if (rel.getNameCount() == 1) {
                  return Files.isDirectory(f) && Files.isDirectory(f.resolve(CHECKPOINTS));
                }
                return rel.getName(1).toString().equals(CHECKPOINTS);
              });
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Moves the checkpoint directories of the outputs being replaced into the staged outputs, at the
   * same place, so that replacing the outputs keeps them.
   */
  private void carryCheckpoints() throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(target, 2)) {
      files
          .filter(f -> Files.isDirectory(f) && f.getFileName().toString().equals(CHECKPOINTS))
          .forEach(found::add);
    }
    for (Path dir : found) {
      Path to = staging.resolve(target.relativize(dir));
      if (Files.exists(to)) continue;
      Files.createDirectories(to.getParent());
      move(dir, to);
    }
  }

  private static void deleteEmpty(List<Path> dirs) {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(dirs.get(i));
      } catch (IOException e) {
        return; // not empty: something else was put there meanwhile
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static String where(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": ";
    }
    return "";
  }

  private static IllegalArgumentException bad(Path target, String what) {
    return new IllegalArgumentException("--out " + target + " " + what);
  }
}
