package dev.palletsim.sweeps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Sets a point's values in a scenario's YAML document before the scenario reader checks it, so that
 * a point is read with exactly the strictness of a scenario file. The document is first copied
 * without sharing (YAML aliases and merge sources become separate copies), so that setting {@code
 * agents.sp-1.capacity} changes sp-1 alone even when its parameters come from a shared {@code <<:
 * *sp} anchor; a value is set as the map's own key, which wins over merged keys.
 */
final class ScenarioPatch {
  private ScenarioPatch() {}

  /**
   * A value to set.
   *
   * @param target where
   * @param value what
   */
  record Setting(Target target, AxisValue value) {}

  /**
   * Applies {@code settings} to the document {@code root}; with {@code inline} non-null, the
   * document is first replaced by that mapping (a scenario written inside the sweep file); without
   * {@code keepExpectations} the scenario's {@code expect:} list is dropped.
   *
   * @throws IllegalArgumentException if a setting cannot be placed (no agent matches a glob, a
   *     value where a map is needed)
   */
  static void apply(
      Node root, MappingNode inline, List<Setting> settings, boolean keepExpectations) {
    if (!(root instanceof MappingNode top)) return; // the reader reports the shape
    top.setValue(copyTuples(inline != null ? inline.getValue() : top.getValue()));
    if (!keepExpectations) remove(top, "expect");
    for (Setting s : settings) {
      Target t = s.target();
      Node value = copy(s.value().node());
      switch (t.kind()) {
        case OVERRIDE -> {
          MappingNode section = childMap(childMap(top, "overrides", t), t.path().get(0), t);
          put(section, t.path().get(1), value);
        }
        case GENESIS -> put(walk(childMap(top, "genesis", t), t.path(), t), last(t.path()), value);
        case BLOCKS -> {
          remove(top, "sessions");
          put(top, "blocks", value);
        }
        case SESSIONS -> {
          remove(top, "blocks");
          put(top, "sessions", value);
        }
        case AGENT -> setOnAgents(top, t, value);
        default -> {
          // the variant is chosen after reading
        }
      }
    }
  }

  private static void setOnAgents(MappingNode top, Target t, Node value) {
    Node agents = find(top, "agents");
    if (!(agents instanceof SequenceNode list)) {
      throw new IllegalArgumentException(
          "cannot set " + t.text() + ": the scenario declares no agents");
    }
    Pattern glob = Collect.glob(t.path().get(0));
    List<String> names = new ArrayList<>();
    int matched = 0;
    for (Node item : list.getValue()) {
      if (!(item instanceof MappingNode agent)) continue;
      String name = find(agent, "name") instanceof ScalarNode n ? n.getValue() : null;
      if (name == null) continue;
      names.add(name);
      if (!glob.matcher(name).matches()) continue;
      matched++;
      MappingNode params = childMap(agent, "params", t);
      List<String> below = t.path().subList(1, t.path().size());
      put(walk(params, below, t), last(below), copy(value));
    }
    if (matched == 0) {
      throw new IllegalArgumentException(
          "no agent matches '" + t.path().get(0) + "' (agents: " + String.join(", ", names) + ")");
    }
  }

  /** The map at {@code path} minus its last key under {@code from}, creating maps as needed. */
  private static MappingNode walk(MappingNode from, List<String> path, Target t) {
    MappingNode at = from;
    for (String key : path.subList(0, path.size() - 1)) at = childMap(at, key, t);
    return at;
  }

  private static String last(List<String> path) {
    return path.get(path.size() - 1);
  }

  /** The value of {@code key} in {@code map}: its own, else the first merge source's. */
  static Node find(MappingNode map, String key) {
    for (NodeTuple tuple : map.getValue()) {
      if (isKey(tuple, key)) return tuple.getValueNode();
    }
    for (NodeTuple tuple : map.getValue()) {
      if (!tuple.getKeyNode().getTag().equals(Tag.MERGE)) continue;
      for (MappingNode source : sources(tuple.getValueNode())) {
        Node found = find(source, key);
        if (found != null) return found;
      }
    }
    return null;
  }

  /**
   * The map under {@code key}: its own or a merged one (unshared by the copy, so it may be changed
   * in place), created as the map's own key when absent or null.
   */
  private static MappingNode childMap(MappingNode map, String key, Target t) {
    Node found = find(map, key);
    if (found instanceof MappingNode m) return m;
    if (found != null && !(found instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
      throw new IllegalArgumentException(
          "cannot set " + t.text() + ": '" + key + "' in the scenario is not a map");
    }
    MappingNode created =
        new MappingNode(
            Tag.MAP,
            true,
            new ArrayList<>(),
            map.getStartMark(),
            map.getEndMark(),
            DumperOptions.FlowStyle.FLOW);
    put(map, key, created);
    return created;
  }

  private static List<MappingNode> sources(Node value) {
    List<MappingNode> out = new ArrayList<>();
    if (value instanceof MappingNode m) out.add(m);
    if (value instanceof SequenceNode seq) {
      for (Node n : seq.getValue()) if (n instanceof MappingNode m) out.add(m);
    }
    return out;
  }

  private static boolean isKey(NodeTuple tuple, String key) {
    return tuple.getKeyNode() instanceof ScalarNode k
        && !k.getTag().equals(Tag.MERGE)
        && k.getValue().equals(key);
  }

  /** Sets {@code key} as the map's own key, replacing its own value if it has one. */
  private static void put(MappingNode map, String key, Node value) {
    List<NodeTuple> tuples = new ArrayList<>(map.getValue());
    for (int i = 0; i < tuples.size(); i++) {
      if (isKey(tuples.get(i), key)) {
        tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
        map.setValue(tuples);
        return;
      }
    }
    tuples.add(
        new NodeTuple(
            new ScalarNode(
                Tag.STR,
                key,
                value.getStartMark(),
                value.getEndMark(),
                DumperOptions.ScalarStyle.PLAIN),
            value));
    map.setValue(tuples);
  }

  private static void remove(MappingNode map, String key) {
    List<NodeTuple> tuples = new ArrayList<>(map.getValue());
    tuples.removeIf(t -> isKey(t, key));
    map.setValue(tuples);
  }

  private static List<NodeTuple> copyTuples(List<NodeTuple> tuples) {
    List<NodeTuple> out = new ArrayList<>();
    for (NodeTuple t : tuples) out.add(new NodeTuple(copy(t.getKeyNode()), copy(t.getValueNode())));
    return out;
  }

  /** A deep copy that shares nothing with {@code node} (aliases are copied each time). */
  static Node copy(Node node) {
    if (node instanceof ScalarNode s) {
      return new ScalarNode(
          s.getTag(), s.getValue(), s.getStartMark(), s.getEndMark(), s.getScalarStyle());
    }
    if (node instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>();
      for (Node n : s.getValue()) items.add(copy(n));
      return new SequenceNode(
          s.getTag(), true, items, s.getStartMark(), s.getEndMark(), s.getFlowStyle());
    }
    MappingNode m = (MappingNode) node;
    return new MappingNode(
        m.getTag(),
        true,
        copyTuples(m.getValue()),
        m.getStartMark(),
        m.getEndMark(),
        m.getFlowStyle());
  }
}
