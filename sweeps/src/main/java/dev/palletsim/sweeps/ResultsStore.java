package dev.palletsim.sweeps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a sweep's tables into its output directory: {@code results.csv}, {@code runs.csv} and
 * {@code summary.csv}; {@code results.parquet}; and {@code results.duckdb}, an embedded DuckDB
 * database with the three tables ({@code SELECT metric, avg(value) FROM results GROUP BY ALL}).
 * Every file is written under a temporary name and renamed into place, so an interrupted sweep
 * never leaves a half-written table: a reader sees the previous file or the new one, whole.
 *
 * <p>The database is loaded from the CSV files with explicit column types, so it holds exactly what
 * they hold, and DuckDB writes the Parquet file from it ({@code COPY … (FORMAT parquet)}) on one
 * thread, in the tables' canonical row order.
 */
public final class ResultsStore {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of("results.csv", "runs.csv", "summary.csv", "results.parquet", "results.duckdb");

  private ResultsStore() {}

  /** Writes every table of {@code tables} into {@code dir}. */
  public static void write(Path dir, Sweep sweep, ResultTables tables)
      throws IOException, SQLException {
    Files.createDirectories(dir);
    writeAtomically(dir.resolve("results.csv"), tables.resultsCsv());
    writeAtomically(dir.resolve("runs.csv"), tables.runsCsv());
    writeAtomically(dir.resolve("summary.csv"), tables.summaryCsv());
    writeDatabase(dir, sweep);
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then renames it into place. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = temporary(file);
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    moveIntoPlace(tmp, file);
  }

  private static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  private static void moveIntoPlace(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeDatabase(Path dir, Sweep sweep) throws IOException, SQLException {
    Path db = dir.resolve("results.duckdb");
    Path dbTmp = temporary(db);
    Path parquet = dir.resolve("results.parquet");
    Path parquetTmp = temporary(parquet);
    Files.deleteIfExists(dbTmp);
    Files.deleteIfExists(dbTmp.resolveSibling(dbTmp.getFileName() + ".wal"));
    Files.deleteIfExists(parquetTmp);
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the DuckDB driver is not on the classpath", e);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dbTmp.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("SET threads = 1");
      List<String[]> axes = new ArrayList<>();
      for (Axis a : sweep.axes()) {
        axes.add(
            new String[] {a.name(), a.integral() ? "BIGINT" : a.numeric() ? "DOUBLE" : "VARCHAR"});
      }
      load(
          s,
          "results",
          dir.resolve("results.csv"),
          columns(
              axes,
              new String[][] {
                {"seed", "BIGINT"}, {"metric", "VARCHAR"}, {"block", "BIGINT"}, {"value", "DOUBLE"}
              }));
      load(
          s,
          "runs",
          dir.resolve("runs.csv"),
          columns(
              axes,
              new String[][] {
                {"seed", "BIGINT"},
                {"status", "VARCHAR"},
                {"blocks", "BIGINT"},
                {"message", "VARCHAR"}
              }));
      load(
          s,
          "summary",
          dir.resolve("summary.csv"),
          columns(
              axes,
              new String[][] {
                {"metric", "VARCHAR"},
                {"runs", "BIGINT"},
                {"mean", "DOUBLE"},
                {"sd", "DOUBLE"},
                {"ci95_low", "DOUBLE"},
                {"ci95_high", "DOUBLE"},
                {"min", "DOUBLE"},
                {"max", "DOUBLE"}
              }));
      s.execute(
          "COPY results TO "
              + literal(parquetTmp.toAbsolutePath().toString())
              + " (FORMAT parquet)");
      s.execute("CHECKPOINT");
    }
    Files.deleteIfExists(dbTmp.resolveSibling(dbTmp.getFileName() + ".wal"));
    moveIntoPlace(parquetTmp, parquet);
    moveIntoPlace(dbTmp, db);
  }

  private static List<String[]> columns(List<String[]> axes, String[][] rest) {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"point", "INTEGER"});
    out.addAll(axes);
    out.addAll(List.of(rest));
    return out;
  }

  private static void load(Statement s, String table, Path csv, List<String[]> columns)
      throws SQLException {
    StringBuilder create = new StringBuilder("CREATE TABLE " + table + " (");
    StringBuilder types = new StringBuilder("{");
    List<String> text = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String[] c = columns.get(i);
      if (i > 0) {
        create.append(", ");
        types.append(", ");
      }
      create.append(identifier(c[0])).append(' ').append(c[1]);
      types.append(literal(c[0])).append(": ").append(literal(c[1]));
      if (c[1].equals("VARCHAR")) text.add(literal(c[0]));
    }
    s.execute(create.append(")").toString());
    s.execute(
        "INSERT INTO "
            + table
            + " SELECT * FROM read_csv("
            + literal(csv.toAbsolutePath().toString())
            + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
            + " nullstr = '', columns = "
            + types
            + "}"
            + (text.isEmpty() ? "" : ", force_not_null = [" + String.join(", ", text) + "]")
            + ")");
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
