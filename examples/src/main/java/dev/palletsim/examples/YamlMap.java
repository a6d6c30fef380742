package dev.palletsim.examples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping of a scenario file with its keys in file order and the line of each key; YAML merge
 * keys ({@code <<: *defaults}) are expanded, the map's own keys winning. It rejects duplicate keys
 * and, through {@link #allow}, unknown keys (with the known ones listed and a close match
 * suggested), so that a misspelt key is an error rather than a silently ignored setting.
 */
public final class YamlMap {
  private final YamlNode owner;
  private final LinkedHashMap<String, Entry> entries;

  private record Entry(int keyLine, YamlNode value) {}

  private YamlMap(YamlNode owner, LinkedHashMap<String, Entry> entries) {
    this.owner = owner;
    this.entries = entries;
  }

  static YamlMap of(YamlNode owner, MappingNode node) {
    LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    List<MappingNode> merged = new ArrayList<>();
    for (NodeTuple t : node.getValue()) {
      YamlNode keyNode = new YamlNode(owner.file(), owner.path(), t.getKeyNode());
      if (!(t.getKeyNode() instanceof ScalarNode k) || keyNode.isNull()) {
        throw keyNode.error("keys must be plain names, got " + keyNode.show());
      }
      if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
        merged.addAll(mergeSources(new YamlNode(owner.file(), owner.path(), t.getValueNode())));
        continue;
      }
      String key = k.getValue();
      if (entries.containsKey(key)) {
        throw new ScenarioException(
            owner.file(),
            keyNode.line(),
            owner.path(),
            "duplicate key '" + key + "' (first given on line " + entries.get(key).keyLine() + ")");
      }
      entries.put(key, new Entry(keyNode.line(), owner.child(key, t.getValueNode())));
    }
    // YAML merge keys (<<: *defaults): keys given in the map win, then earlier sources.
    for (MappingNode source : merged) {
      for (var e : of(owner, source).entries.entrySet())
        entries.putIfAbsent(e.getKey(), e.getValue());
    }
    return new YamlMap(owner, entries);
  }

  private static List<MappingNode> mergeSources(YamlNode value) {
    if (value.node() instanceof MappingNode m) return List.of(m);
    List<MappingNode> out = new ArrayList<>();
    if (value.node() instanceof SequenceNode seq) {
      for (var n : seq.getValue()) {
        if (!(n instanceof MappingNode m)) break;
        out.add(m);
      }
      if (out.size() == seq.getValue().size()) return out;
    }
    throw value.error("a merge key (<<) takes a map or a list of maps, got " + value.show());
  }

  /** The mapping itself as a value (for its line and errors). */
  public YamlNode node() {
    return owner;
  }

  /** Fails on the keys not in {@code known}, naming each one's line; returns this map. */
  public YamlMap allow(Collection<String> known) {
    List<ScenarioException> unknown = new ArrayList<>();
    for (var e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        unknown.add(
            new ScenarioException(
                owner.file(),
                e.getValue().keyLine(),
                owner.path(),
                "unknown key '" + e.getKey() + "'" + Names.suggestion(e.getKey(), known, "keys")));
      }
    }
    if (!unknown.isEmpty()) throw ScenarioProblems.of(unknown);
    return this;
  }

  /** {@link #allow(Collection)} with the keys given inline. */
  public YamlMap allow(String... known) {
    return allow(List.of(known));
  }

  /** Whether {@code key} is present (even with a null value). */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value of {@code key}, if present. */
  public Optional<YamlNode> get(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** The value of {@code key}; an error naming the map's line when it is missing. */
  public YamlNode require(String key) {
    return get(key).orElseThrow(() -> owner.error("missing key '" + key + "'"));
  }

  /** The 1-based line of {@code key}. */
  public int keyLine(String key) {
    Entry e = entries.get(key);
    return e == null ? owner.line() : e.keyLine();
  }

  /** An error about {@code key} itself (not its value), naming the key's line. */
  public ScenarioException keyError(String key, String message) {
    return new ScenarioException(
        owner.file(),
        keyLine(key),
        owner.path().isEmpty() ? key : owner.path() + "." + key,
        message);
  }

  /** The keys, in file order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(entries.keySet());
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** Calls {@code f} with each key and value, in file order. */
  public void forEach(BiConsumer<String, YamlNode> f) {
    entries.forEach((k, e) -> f.accept(k, e.value()));
  }

  /** The values, in file order. */
  public List<Map.Entry<String, YamlNode>> entries() {
    List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
    entries.forEach((k, e) -> out.add(Map.entry(k, e.value())));
    return out;
  }

  /**
   * The one key of {@code choices} present; an error naming the map's line when none or more than
   * one is given ({@code what} says what they choose, e.g. "trigger").
   */
  public String exactlyOne(String what, String... choices) {
    List<String> present = new ArrayList<>();
    for (String c : choices) if (has(c)) present.add(c);
    if (present.size() == 1) return present.get(0);
    String options = String.join(", ", new TreeSet<>(List.of(choices)));
    if (present.isEmpty()) {
      throw owner.error("needs exactly one " + what + " (one of: " + options + ")");
    }
    throw keyError(
        present.get(1),
        "needs exactly one "
            + what
            + ", got both '"
            + present.get(0)
            + "' and '"
            + present.get(1)
            + "'");
  }

  /** Fails if more than one of {@code keys} is present. */
  public void atMostOne(String... keys) {
    String first = null;
    for (String k : keys) {
      if (!has(k)) continue;
      if (first != null) {
        throw keyError(k, "'" + first + "' and '" + k + "' cannot be given together");
      }
      first = k;
    }
  }
}
