package dev.palletsim.runtime;

import dev.palletsim.frame.Weight;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.sim.Params;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies scenario-file overrides ({@code session-period: 20}) to an Immutables config builder by
 * calling the setter of the same name ({@code sessionPeriod(20)}); kebab-case and snake_case keys
 * are accepted. Unknown keys and values of the wrong type are errors naming the key and listing
 * what the config accepts.
 */
public final class ConfigOverrides {
  private static final Map<Class<?>, Function<Object, ?>> CONVERTERS = new ConcurrentHashMap<>();

  static {
    // Every converter the storage runtime's settings need, here rather than in the presets that use
    // them, so that which settings exist never depends on which class happened to load first.
    register(AccountId.class, v -> account(String.valueOf(v)));
    register(dev.palletsim.collatorselection.AuctionStrategy.class, StoragePresets::auction);
    register(dev.palletsim.collatorpower.SlashPolicy.class, StoragePresets::slashPolicy);
    register(java.math.BigInteger.class, NetworkSettings::bigInteger);
    register(
        dev.palletsim.frame.transactionpayment.Multiplier.class,
        v -> dev.palletsim.frame.transactionpayment.Multiplier.parse(String.valueOf(v)));
  }

  private ConfigOverrides() {}

  /**
   * Teaches the overrides to build values of {@code type} from scenario values (a name, a number, a
   * map); the converter throws {@link IllegalArgumentException} with a message for bad values. The
   * table is thread-safe; register at start-up, before scenarios are read, since a converter added
   * later changes what every runtime built afterwards accepts.
   */
  public static <T> void register(Class<T> type, Function<Object, T> converter) {
    CONVERTERS.put(type, converter);
  }

  private static AccountId account(String text) {
    return text.startsWith("0x") ? AccountId.fromHex(text) : Keyring.account(text);
  }

  /** Calls the setters of {@code builder} named by {@code overrides}; returns the builder. */
  public static <B> B apply(B builder, Map<String, Object> overrides, String section) {
    if (overrides == null) return builder;
    for (var e : overrides.entrySet()) {
      String name = camel(e.getKey());
      Method setter = setter(builder.getClass(), name);
      if (setter == null) {
        throw new IllegalArgumentException(
            section
                + ": unknown setting '"
                + e.getKey()
                + "' (known: "
                + String.join(", ", settings(builder.getClass()))
                + ")");
      }
      Object value =
          convert(
              setter.getParameterTypes()[0],
              setter.getGenericParameterTypes()[0],
              e.getValue(),
              section + "." + e.getKey());
      try {
        setter.invoke(builder, value);
      } catch (ReflectiveOperationException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        throw new IllegalArgumentException(
            section + "." + e.getKey() + ": " + cause.getMessage(), cause);
      }
    }
    return builder;
  }

  /** The setting names a builder accepts, kebab-cased. */
  public static TreeSet<String> settings(Class<?> builderType) {
    TreeSet<String> out = new TreeSet<>();
    for (Method m : builderType.getMethods()) {
      if (m.getParameterCount() == 1
          && m.getReturnType() == builderType
          && isSimple(m.getParameterTypes()[0], m.getGenericParameterTypes()[0])
          && !m.getName().equals("from")
          && !m.getName().matches("add[A-Z].*")) {
        out.add(kebab(m.getName()));
      }
    }
    return out;
  }

  /**
   * Every setting {@code builderType} accepts with its value in {@code config} (the config the
   * builder builds), kebab-cased name → value as a scenario file would write it: what a preset
   * starts from before its overrides.
   */
  public static java.util.SortedMap<String, String> values(Object config, Class<?> builderType) {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    for (String setting : settings(builderType)) {
      try {
        Method accessor = config.getClass().getMethod(camel(setting));
        out.put(setting, format(accessor.invoke(config)));
      } catch (ReflectiveOperationException e) {
        out.put(setting, "(not readable)");
      }
    }
    return out;
  }

  private static String format(Object v) {
    if (v == null) return "none";
    if (v instanceof java.util.Optional<?> o) return o.map(ConfigOverrides::format).orElse("none");
    if (v instanceof Weight w) return Long.toString(w.micros());
    if (v instanceof dev.palletsim.frame.transactionpayment.Multiplier m) return m.toString();
    if (v instanceof Enum<?> e) {
      // AllOrNothing reads as all-or-nothing; StackedDRGWindow2KiBV1P1 stays as it is
      String n = e.name();
      return n.matches("([A-Z][a-z0-9]+)+") ? kebab(n).substring(1) : n;
    }
    if (v instanceof Record r && r.getClass().getRecordComponents().length <= 1) {
      // the map syntax of structured settings: {lock-for: 20}, or just the name: return
      String name = kebab(r.getClass().getSimpleName()).replaceFirst("^-", "");
      var components = r.getClass().getRecordComponents();
      if (components.length == 0) return name;
      try {
        return "{" + name + ": " + format(components[0].getAccessor().invoke(r)) + "}";
      } catch (ReflectiveOperationException e) {
        return String.valueOf(v);
      }
    }
    if (v instanceof Iterable<?> it) {
      java.util.List<String> parts = new java.util.ArrayList<>();
      for (Object o : it) parts.add(format(o));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static Method setter(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == 1
          && isSimple(m.getParameterTypes()[0], m.getGenericParameterTypes()[0])) {
        return m;
      }
    }
    return null;
  }

  private static boolean isSimple(Class<?> t, Type generic) {
    if (t == long.class || t == int.class || t == boolean.class || t == double.class) return true;
    if (t == String.class || t.isEnum() || t == Weight.class || CONVERTERS.containsKey(t)) {
      return true;
    }
    if (isCollection(t)) {
      Class<?> e = elementClass(generic);
      return e != null && (e.isEnum() || CONVERTERS.containsKey(e));
    }
    return false;
  }

  private static boolean isCollection(Class<?> t) {
    return t == Iterable.class
        || t == io.vavr.collection.Set.class
        || t == io.vavr.collection.Seq.class;
  }

  private static Class<?> elementClass(Type generic) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      Type a = p.getActualTypeArguments()[0];
      if (a instanceof WildcardType w && w.getUpperBounds().length == 1) a = w.getUpperBounds()[0];
      if (a instanceof Class<?> c) return c;
    }
    return null;
  }

  private static Object convert(Class<?> type, Type generic, Object v, String where) {
    if (isCollection(type)) {
      if (!(v instanceof java.util.List<?> list)) {
        throw new IllegalArgumentException(where + " must be a list, got " + v);
      }
      Class<?> element = elementClass(generic);
      java.util.List<Object> out = new java.util.ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(convert(element, element, list.get(i), where + "[" + i + "]"));
      }
      if (type == io.vavr.collection.Set.class) {
        return io.vavr.collection.TreeSet.ofAll(castComparable(out));
      }
      return type == io.vavr.collection.Seq.class ? io.vavr.collection.Vector.ofAll(out) : out;
    }
    Function<Object, ?> converter = CONVERTERS.get(type);
    if (converter != null) {
      try {
        return converter.apply(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    try {
      if (type == long.class)
        return v instanceof String s ? Params.amount(s) : ((Number) v).longValue();
      if (type == int.class) return Math.toIntExact(((Number) v).longValue());
      if (type == double.class) return ((Number) v).doubleValue();
      if (type == boolean.class) return (Boolean) v;
      if (type == String.class) return (String) v;
      if (type == Weight.class) return Weight.ofMicros(((Number) v).longValue());
      if (type.isEnum()) {
        for (Object c : type.getEnumConstants()) {
          if (((Enum<?>) c).name().equalsIgnoreCase(String.valueOf(v).replace("-", ""))) return c;
        }
      }
    } catch (ClassCastException | ArithmeticException | IllegalArgumentException e) {
      // fall through to the error below
    }
    String expected =
        type.isEnum()
            ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
            : type.getSimpleName();
    throw new IllegalArgumentException(where + " must be " + expected + ", got " + v);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Iterable<Comparable> castComparable(java.util.List<Object> values) {
    return (Iterable<Comparable>) (Iterable) values;
  }

  static String camel(String key) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : key.toCharArray()) {
      if (c == '-' || c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) out.append('-').append(Character.toLowerCase(c));
      else out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
