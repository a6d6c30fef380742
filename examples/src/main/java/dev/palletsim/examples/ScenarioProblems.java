package dev.palletsim.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every problem found in one scenario file, in line order: {@code palletsim check} reports them all
 * rather than stopping at the first. Its message is one {@code file:line: message} per line; {@link
 * #problems()} gives them apart (for {@code --json}).
 */
public final class ScenarioProblems extends ScenarioException {
  private static final long serialVersionUID = 1L;

  private final transient List<ScenarioException> problems;

  private ScenarioProblems(List<ScenarioException> problems) {
    super(problems.get(0), join(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems as one exception: the problem itself when there is one, else a {@code
   * ScenarioProblems} listing them in line order (problems of one line keep the order found).
   */
  static ScenarioException of(List<ScenarioException> found) {
    List<ScenarioException> flat = new ArrayList<>();
    for (ScenarioException e : found) flat.addAll(each(e));
    flat.sort(Comparator.comparingInt(ScenarioException::line));
    return flat.size() == 1 ? flat.get(0) : new ScenarioProblems(flat);
  }

  /** The problems {@code e} stands for: its list, or itself. */
  static List<ScenarioException> each(ScenarioException e) {
    return e instanceof ScenarioProblems p ? p.problems : List.of(e);
  }

  /** The problems, in line order. */
  public List<ScenarioException> problems() {
    return problems;
  }

  private static String join(List<ScenarioException> problems) {
    StringBuilder out = new StringBuilder();
    for (ScenarioException p : problems) {
      if (out.length() > 0) out.append('\n');
      out.append(p.getMessage());
    }
    return out.toString();
  }
}
