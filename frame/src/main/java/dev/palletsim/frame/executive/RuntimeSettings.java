package dev.palletsim.frame.executive;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.primitives.Bytes32;
import dev.palletsim.frame.traits.NetworkInputs;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The canonical description of a runtime's configuration, setting by setting: what a saved chain
 * records in its header so that loading it under another configuration is refused with the setting
 * that differs. Names read as a scenario file writes overrides: {@code runtime.session-period} for
 * the {@link RuntimeConfig}, {@code <pallet>.<setting>} for each pallet's {@link Pallet#config()}
 * ({@code market.fip0074-activation-block}, the pallet's name in kebab case), {@code
 * runtime.pallets} for the pallets in hook order, {@code coupling.<trait>} for the couplings no
 * pallet implements (randomness, proof verifier, network economics, session manager), and fixed
 * {@link NetworkInputs} also setting by setting as {@code network.<setting>} ({@link
 * NetworkInputs#settings()}), so that a difference names the input.
 *
 * <p>A config is described through its Immutables builder when it has one (every attribute the
 * builder sets, read back by its accessor), as a record by its components, or else by its public
 * accessors. Values are written canonically: numbers and strings as they are, enums by name,
 * records as {@code Name{component: value, …}}, collections in order (hashed sets sorted), and
 * objects that are neither by their class.
 */
public final class RuntimeSettings {
  private RuntimeSettings() {}

  /**
   * Settings of the harness rather than the state transition (how often invariants are checked,
   * whether a bug throws, how many block records are kept): recorded, but a difference does not
   * make two configurations differ.
   */
  public static final Set<String> HARNESS =
      HashSet.of(
          "runtime.invariant-check-interval",
          "runtime.fail-on-bug",
          "runtime.check-declared-weights",
          "runtime.history-depth");

  /** Every setting of {@code runtime}, by name. */
  public static TreeMap<String, String> of(Runtime runtime) {
    TreeMap<String, String> out = describe("runtime", runtime.config());
    out = out.put("runtime.pallets", String.join(", ", runtime.pallets().map(Pallet::name)));
    for (Pallet p : runtime.pallets()) {
      Object config = p.config();
      if (config != null) out = out.merge(describe(kebab(p.name()), config));
    }
    for (var e : runtime.couplings().entries()) {
      if (e.getValue() instanceof Pallet) continue;
      if (e.getValue() instanceof NetworkInputs n)
        out = out.merge(describe("network", n.settings()));
      out = out.put("coupling." + kebab(e.getKey().getSimpleName()), format(e.getValue()));
    }
    return out;
  }

  /** The settings of {@code config}, each named {@code section.setting}. */
  public static TreeMap<String, String> describe(String section, Object config) {
    TreeMap<String, String> out = TreeMap.empty();
    for (Method accessor : accessors(config.getClass())) {
      Object value;
      try {
        accessor.setAccessible(true);
        value = accessor.invoke(config);
      } catch (ReflectiveOperationException | RuntimeException e) {
        value = "(not readable)";
      }
      out = out.put(section + "." + kebab(accessor.getName()), format(value));
    }
    return out;
  }

  /**
   * A 64-bit fingerprint of the settings that shape the state transition (all but {@link
   * #HARNESS}), as 16 hex digits: equal for runtimes that compute the same chain.
   */
  public static String hash(SortedMap<String, String> settings) {
    return String.format("%016x", StateHasher.hash(settings.filterKeys(k -> !HARNESS.contains(k))));
  }

  private static java.util.List<Method> accessors(Class<?> type) {
    java.util.List<Method> out = new ArrayList<>();
    Class<?> builder = builderType(type);
    if (builder != null) {
      TreeSet<String> names = new TreeSet<>();
      for (Method m : builder.getMethods()) {
        String n = m.getName();
        if (m.getParameterCount() == 1
            && m.getReturnType() == builder
            && !Modifier.isStatic(m.getModifiers())
            && !n.equals("from")
            && !n.matches("(add|put)[A-Z].*")) { // adders of collection attributes
          names.add(n);
        }
      }
      for (String n : names) {
        try {
          out.add(type.getMethod(n));
        } catch (NoSuchMethodException e) {
          // a builder method that is not an attribute
        }
      }
      return out;
    }
    if (type.isRecord()) {
      for (var c : type.getRecordComponents()) out.add(c.getAccessor());
      return out;
    }
    TreeSet<String> seen = new TreeSet<>();
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() == 0
          && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass() != Object.class
          && m.getReturnType() != void.class
          && seen.add(m.getName())) {
        out.add(m);
      }
    }
    out.sort(java.util.Comparator.comparing(Method::getName));
    return out;
  }

  /** The builder type of an Immutables value ({@code static builder()} on it or a superclass). */
  private static Class<?> builderType(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod("builder");
        if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
          return m.getReturnType();
        }
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return null;
  }

  /** {@code value} written canonically (see the class comment). */
  public static String format(Object value) {
    if (value == null) return "none";
    if (value instanceof java.util.Optional<?> o) {
      return o.map(RuntimeSettings::format).orElse("none");
    }
    if (value instanceof Option<?> o) return o.map(RuntimeSettings::format).getOrElse("none");
    if (value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum<?> e) return e.name();
    if (value instanceof Bytes32 b) return b.toHex();
    if (value instanceof Record r) {
      var components = r.getClass().getRecordComponents();
      if (components.length == 0) return r.getClass().getSimpleName();
      java.util.List<String> parts = new ArrayList<>();
      for (var c : components) {
        Object v;
        try {
          c.getAccessor().setAccessible(true);
          v = c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          v = "(not readable)";
        }
        parts.add(kebab(c.getName()) + ": " + format(v));
      }
      return r.getClass().getSimpleName() + "{" + String.join(", ", parts) + "}";
    }
    if (value instanceof Map<?, ?> m) return formatEntries(m.entrySet());
    if (value instanceof io.vavr.collection.Map<?, ?> m) {
      return formatEntries(m.toJavaMap().entrySet());
    }
    if (value instanceof Iterable<?> it) {
      java.util.List<String> parts = new ArrayList<>();
      for (Object o : it) parts.add(format(o));
      boolean ordered =
          value instanceof java.util.List
              || value instanceof io.vavr.collection.Seq
              || value instanceof java.util.SortedSet
              || value instanceof io.vavr.collection.SortedSet
              || value instanceof java.util.LinkedHashSet
              || value instanceof io.vavr.collection.LinkedHashSet;
      if (!ordered) parts.sort(null);
      return "[" + String.join(", ", parts) + "]";
    }
    Class<?> c = value.getClass();
    String name = c.getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda >= 0 ? "lambda in " + name.substring(0, lambda) : name;
  }

  private static String formatEntries(java.util.Set<? extends Map.Entry<?, ?>> entries) {
    java.util.List<String> parts = new ArrayList<>();
    for (var e : entries) parts.add(format(e.getKey()) + ": " + format(e.getValue()));
    parts.sort(null);
    return "{" + String.join(", ", parts) + "}";
  }

  /** {@code camelCase} or {@code PascalCase} as {@code kebab-case}. */
  static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) out.append('-');
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
