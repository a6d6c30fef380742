package dev.palletsim.examples;

/**
 * A malformed scenario file: an unknown key or name, a malformed value, a type mismatch. The
 * message always starts with the file and line the problem is on and the path of the value inside
 * the document ({@code quickstart.yaml:14: steps[0].args.value: expected an amount, got "lots"}),
 * as a compiler reports errors, so an editor can jump to it; a problem with the whole file (too
 * large, not UTF-8 text) names only the file. The CLI exits with status 2 on it.
 */
public sealed class ScenarioException extends RuntimeException permits ScenarioProblems {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String path;
  private final String detail;

  /** A problem in {@code file} at 1-based {@code line}, for the value at {@code path}. */
  public ScenarioException(String file, int line, String path, String detail) {
    super(format(file, line, path, detail));
    this.file = file;
    this.line = line;
    this.path = path;
    this.detail = detail;
  }

  /** The same, keeping {@code cause} (an exception from a preset, agent type or record). */
  public ScenarioException(String file, int line, String path, String detail, Throwable cause) {
    super(format(file, line, path, detail), cause);
    this.file = file;
    this.line = line;
    this.path = path;
    this.detail = detail;
  }

  /** A problem with the whole of {@code file} (its size, its encoding): no line. */
  public static ScenarioException ofFile(String file, String detail) {
    return new ScenarioException(file, 0, "", detail);
  }

  /** Several problems of one file, the first giving the location; {@code message} lists them. */
  ScenarioException(ScenarioException first, String message) {
    super(message);
    this.file = first.file;
    this.line = first.line;
    this.path = first.path;
    this.detail = first.detail;
  }

  private static String format(String file, int line, String path, String detail) {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + (path == null || path.isEmpty() ? "" : path + ": ")
        + detail;
  }

  /** The file's name as given to the reader. */
  public String file() {
    return file;
  }

  /** The 1-based line of the offending key or value; 0 for a problem with the whole file. */
  public int line() {
    return line;
  }

  /** The path of the value inside the document, e.g. {@code steps[0].args.value}. */
  public String path() {
    return path;
  }

  /** What is wrong, without the location. */
  public String detail() {
    return detail;
  }
}
