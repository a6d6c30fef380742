package dev.palletsim.examples;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a scenario file together with where it came from: the file, the line (SnakeYAML's
 * node marks) and its path in the document ({@code steps[0].args.value}). Every accessor that finds
 * the wrong shape throws a {@link ScenarioException} naming that line, so readers and argument
 * converters never have to track positions themselves.
 */
public final class YamlNode {
  private final String file;
  private final String path;
  private final Node node;

  YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** The deepest nesting of maps and lists a scenario file may have. */
  static final int MAX_DEPTH = 40;

  /**
   * The most values a document may hold once its aliases are expanded: a guard against alias bombs
   * ("billion laughs"), whose few lines expand to billions of values.
   */
  static final int MAX_VALUES = 100_000;

  /** The longest single value (a key, a name, a description): 64 KiB of text. */
  static final int MAX_SCALAR = 64 * 1024;

  /**
   * The single YAML document in {@code text}; a syntax error, several documents, an empty text, a
   * nesting deeper than {@link #MAX_DEPTH}, an alias that contains itself or aliases expanding to
   * more than {@link #MAX_VALUES} values is a {@link ScenarioException} naming {@code file} and the
   * line.
   */
  public static YamlNode parse(String file, String text) {
    InputFiles.checkSize(file, text, "a scenario file");
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(InputFiles.MAX_BYTES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(MAX_VALUES);
    options.setAllowRecursiveKeys(false);
    Node node;
    try {
      node = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new ScenarioException(file, line, "", "not valid YAML: " + problem, e);
    } catch (YAMLException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("Nesting Depth exceeded")) {
        throw new ScenarioException(
            file, 1, "", "maps and lists are nested deeper than " + MAX_DEPTH + " levels", e);
      }
      throw new ScenarioException(file, 1, "", "not valid YAML: " + m, e);
    }
    if (node == null) throw new ScenarioException(file, 1, "", "the file is empty");
    expandedSize(file, node, new IdentityHashMap<>(), new IdentityHashMap<>(), 0);
    return new YamlNode(file, "", node);
  }

  /**
   * The number of values under {@code node} with every alias expanded (memoised, so shared nodes
   * are walked once); an error for a node that contains itself, for more than {@link #MAX_VALUES}
   * values, or for a nesting deeper than {@link #MAX_DEPTH}.
   */
  private static long expandedSize(
      String file, Node node, Map<Node, Long> sizes, Map<Node, Boolean> open, int depth) {
    Long known = sizes.get(node);
    if (known != null) return known;
    if (open.containsKey(node)) {
      throw new ScenarioException(
          file,
          node.getStartMark().getLine() + 1,
          "",
          "an alias refers to a value that contains it: the value would be infinite");
    }
    if (depth > MAX_DEPTH) {
      throw new ScenarioException(
          file,
          node.getStartMark().getLine() + 1,
          "",
          "maps and lists are nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node instanceof ScalarNode scalar && scalar.getValue().length() > MAX_SCALAR) {
      throw new ScenarioException(
          file,
          node.getStartMark().getLine() + 1,
          "",
          String.format(
              Locale.ROOT,
              "a value of %,d characters is longer than any scenario value may be (%,d)",
              scalar.getValue().length(),
              MAX_SCALAR));
    }
    open.put(node, Boolean.TRUE);
    long size = 1;
    List<Node> children = new ArrayList<>();
    if (node instanceof SequenceNode seq) children.addAll(seq.getValue());
    if (node instanceof MappingNode map) {
      for (var t : map.getValue()) {
        children.add(t.getKeyNode());
        children.add(t.getValueNode());
      }
    }
    for (Node child : children) {
      size += expandedSize(file, child, sizes, open, depth + 1);
      if (size > MAX_VALUES) {
        throw new ScenarioException(
            file,
            node.getStartMark().getLine() + 1,
            "",
            "its aliases expand to more than "
                + String.format(Locale.ROOT, "%,d", MAX_VALUES)
                + " values (an alias bomb?)");
      }
    }
    open.remove(node);
    sizes.put(node, size);
    return size;
  }

  /** The file's name as given to the reader. */
  public String file() {
    return file;
  }

  /** The path of this value inside the document ({@code ""} for the document itself). */
  public String path() {
    return path;
  }

  /** The 1-based line the value starts on. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** Whether the value is YAML null ({@code ~}, {@code null} or nothing). */
  public boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** Whether the value is a scalar other than null. */
  public boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  /** Whether the value is a mapping. */
  public boolean isMap() {
    return node instanceof MappingNode;
  }

  /** Whether the value is a sequence. */
  public boolean isList() {
    return node instanceof SequenceNode;
  }

  /** Whether the value is a scalar written without quotes (so {@code 42} rather than "42"). */
  public boolean isPlainScalar() {
    return node instanceof ScalarNode s && s.isPlain();
  }

  /** The YAML tag SnakeYAML resolved for a scalar: str, int, float, bool or null. */
  Tag tag() {
    return node.getTag();
  }

  /** The scalar's text as written; an error naming the line for a map, a list or null. */
  public String text(String expected) {
    if (!isScalar()) throw error("expected " + expected + ", got " + show());
    return ((ScalarNode) node).getValue();
  }

  /** The scalar's text as written, or {@code null} for a map or list. */
  String rawText() {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  /** The items of a sequence; an error naming the line for anything else. */
  public List<YamlNode> items() {
    if (!(node instanceof SequenceNode seq)) throw error("expected a list, got " + show());
    List<YamlNode> out = new ArrayList<>();
    List<Node> values = seq.getValue();
    for (int i = 0; i < values.size(); i++) {
      out.add(new YamlNode(file, path + "[" + i + "]", values.get(i)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The mapping; an error naming the line for anything else or for duplicate keys. */
  public YamlMap map() {
    if (!(node instanceof MappingNode m)) throw error("expected a map, got " + show());
    return YamlMap.of(this, m);
  }

  YamlNode child(String key, Node value) {
    return new YamlNode(file, path.isEmpty() ? key : path + "." + key, value);
  }

  /** The SnakeYAML node (for tools that edit a document before it is read, as sweeps do). */
  public Node node() {
    return node;
  }

  /** An error about this value, naming its file, line and path. */
  public ScenarioException error(String message) {
    return new ScenarioException(file, line(), path, message);
  }

  /** An error about this value caused by {@code cause}. */
  public ScenarioException error(String message, Throwable cause) {
    return new ScenarioException(file, line(), path, message, cause);
  }

  /** How the value reads in a message: {@code "lots"}, {@code 42}, a map, a list, null. */
  public String show() {
    if (isNull()) return "null";
    if (node instanceof MappingNode) return "a map";
    if (node instanceof SequenceNode) return "a list";
    String text = ((ScalarNode) node).getValue();
    return isPlainScalar() && !node.getTag().equals(Tag.STR) ? text : "\"" + text + "\"";
  }

  /**
   * The value as plain Java objects, for presets and agent types that take a {@code Map<String,
   * Object>}: integers as {@link Long}, decimals as {@link Double}, booleans, null, text as {@link
   * String} (amounts such as {@code 5 TOKEN} stay text), lists and maps (keys as text, in order).
   */
  public Object plain() {
    if (node instanceof MappingNode) {
      Map<String, Object> out = new LinkedHashMap<>();
      map().forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
    if (node instanceof SequenceNode) {
      List<Object> out = new ArrayList<>();
      for (YamlNode item : items()) out.add(item.plain());
      return out;
    }
    if (isNull()) return null;
    String text = ((ScalarNode) node).getValue();
    Tag tag = node.getTag();
    if (tag.equals(Tag.INT)) {
      try {
        return Long.parseLong(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return Double.parseDouble(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (tag.equals(Tag.BOOL)) {
      String t = text.toLowerCase(Locale.ROOT);
      return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
    }
    return text;
  }

  /** The value in compact flow style, as a reader would write it: {@code {from: alice}}. */
  public String compact() {
    if (node instanceof MappingNode) {
      StringBuilder out = new StringBuilder("{");
      map()
          .forEach(
              (k, v) ->
                  out.append(out.length() > 1 ? ", " : "")
                      .append(k)
                      .append(": ")
                      .append(v.compact()));
      return out.append('}').toString();
    }
    if (node instanceof SequenceNode) {
      StringBuilder out = new StringBuilder("[");
      for (YamlNode item : items()) out.append(out.length() > 1 ? ", " : "").append(item.compact());
      return out.append(']').toString();
    }
    return isNull() ? "null" : ((ScalarNode) node).getValue();
  }

  @Override
  public String toString() {
    return file + ":" + line() + ": " + path;
  }
}
