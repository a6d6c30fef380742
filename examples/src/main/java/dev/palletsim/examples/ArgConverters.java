package dev.palletsim.examples;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.sim.Amounts;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Converts scenario values to the Java types of call arguments, event fields and storage values,
 * guided by the target type: {@link AccountId} from a keyring name or 0x-hex, {@code long} from a
 * number or an amount with a unit ({@code 5 TOKEN}, {@code 1.5 GIB}), {@code int}, {@code boolean},
 * {@code double}, {@link String}, enums by name, Vavr {@code Seq}/{@code List}/{@code
 * Vector}/{@code Set} from lists, {@link Option} from null or a value, {@link H256} and {@link Cid}
 * from hex (and a piece commitment from {@code piece:<label>}), nested records from maps, sealed
 * interfaces of records from a one-key map naming the variant. Pallet-specific types join through
 * {@link #register}. Every mismatch is a {@link ScenarioException} naming the line.
 */
public final class ArgConverters {
  private static final Map<Class<?>, ArgConverter<?>> REGISTERED = new ConcurrentHashMap<>();

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9][0-9_]*");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern HEX32 = Pattern.compile("0x[0-9a-fA-F]{64}");

  /**
   * Registers {@code converter} for values of exactly {@code type}; it wins over the built-in
   * conversions (replacing an earlier registration for the same type).
   */
  public static <T> void register(Class<T> type, ArgConverter<T> converter) {
    REGISTERED.put(type, converter);
  }

  /** The value of {@code node} as the Java type {@code type} (a class or a parameterized type). */
  public static Object convert(YamlNode node, Type type) {
    if (type instanceof ParameterizedType p) return convertParameterized(node, p);
    if (!(type instanceof Class<?> c)) {
      throw node.error("cannot build a value of type " + typeName(type));
    }
    ArgConverter<?> custom = REGISTERED.get(c);
    if (custom != null) return custom.convert(node);
    if (c == long.class || c == Long.class) return amount(node);
    if (c == int.class || c == Integer.class) return intValue(node);
    if (c == boolean.class || c == Boolean.class) return bool(node);
    if (c == double.class || c == Double.class) return number(node);
    if (c == String.class) return node.text("text");
    if (c == AccountId.class) return account(node);
    if (c == H256.class) return h256(node);
    if (c == Cid.class) return cid(node);
    if (c.isEnum()) return enumValue(node, c);
    if (c.isRecord()) return record(node, c, "");
    if (c.isSealed() && c.isInterface()) return sealedVariant(node, c);
    if (c == Option.class || io.vavr.collection.Traversable.class.isAssignableFrom(c)) {
      throw node.error("cannot build a raw " + c.getSimpleName() + " without its element type");
    }
    throw node.error(
        "no conversion to "
            + c.getSimpleName()
            + " (a converter can be added with ArgConverters.register)");
  }

  private static Object convertParameterized(YamlNode node, ParameterizedType p) {
    Class<?> raw = (Class<?>) p.getRawType();
    Type[] args = p.getActualTypeArguments();
    if (raw == Option.class) {
      return node.isNull() ? Option.none() : Option.some(convert(node, args[0]));
    }
    ArgConverter<?> custom = REGISTERED.get(raw);
    if (custom != null) return custom.convert(node);
    if (raw == io.vavr.collection.List.class) {
      return io.vavr.collection.List.ofAll(elements(node, args[0]));
    }
    if (raw == Vector.class
        || raw == io.vavr.collection.Seq.class
        || raw == io.vavr.collection.IndexedSeq.class
        || raw == io.vavr.collection.Traversable.class) {
      return Vector.ofAll(elements(node, args[0]));
    }
    if (raw == io.vavr.collection.Set.class
        || raw == io.vavr.collection.SortedSet.class
        || raw == io.vavr.collection.TreeSet.class) {
      return treeSet(node, elements(node, args[0]));
    }
    if (raw == List.class || raw == java.util.Collection.class) {
      return List.copyOf(elements(node, args[0]));
    }
    if (raw.isRecord()) return record(node, raw, "");
    throw node.error("no conversion to " + typeName(p));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object treeSet(YamlNode node, List<Object> items) {
    if (items.stream().anyMatch(i -> !(i instanceof Comparable))) {
      throw node.error("set elements must be comparable");
    }
    io.vavr.collection.TreeSet set = io.vavr.collection.TreeSet.empty();
    for (Object i : items) {
      if (set.contains(i)) throw node.error("duplicate set element " + i);
      set = set.add((Comparable) i);
    }
    return set;
  }

  private static List<Object> elements(YamlNode node, Type element) {
    List<Object> out = new ArrayList<>();
    for (YamlNode item : node.items()) out.add(convert(item, element));
    return out;
  }

  // ------------------------------------------------------------------ scalars

  /**
   * An amount: an integer, or a number with a unit ({@code 5 TOKEN}, {@code 0.5 TOKEN}, {@code 20
   * MILLI_TOKEN}, {@code 32 GIB}) that comes to a whole number of planck or bytes.
   */
  public static long amount(YamlNode node) {
    return amount(node, "");
  }

  /**
   * {@link #amount(YamlNode)}, where {@code what} names the value in an overflow message when no
   * unit says what it is ({@code "a balance"}).
   */
  public static long amount(YamlNode node, String what) {
    String text = node.isScalar() ? node.text("an amount").trim() : null;
    if (text == null || !Amounts.looksLikeAmount(text)) {
      throw node.error("expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got " + node.show());
    }
    try {
      return Amounts.parse(text, what);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  /** A plain integer (no unit): block numbers, counts, seeds. */
  public static long integer(YamlNode node) {
    String text = node.isScalar() ? node.text("an integer").trim() : null;
    if (text == null || !INTEGER.matcher(text).matches()) {
      throw node.error("expected an integer, got " + node.show());
    }
    try {
      return new BigInteger(text.replace("_", "")).longValueExact();
    } catch (ArithmeticException e) {
      throw node.error(text + " overflows a 64-bit integer (max " + Long.MAX_VALUE + ")");
    }
  }

  /** A 32-bit integer (an amount with a unit is accepted when it fits). */
  public static int intValue(YamlNode node) {
    long v = amount(node);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw node.error(
          node.compact().trim() + " overflows a 32-bit integer (max " + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  /** {@code true} or {@code false}. */
  public static boolean bool(YamlNode node) {
    if (!node.isScalar() || !node.tag().equals(Tag.BOOL)) {
      throw node.error("expected true or false, got " + node.show());
    }
    return (Boolean) node.plain();
  }

  /** A number (integer or decimal). */
  public static double number(YamlNode node) {
    String text = node.isScalar() ? node.text("a number").trim().replace("_", "") : "";
    if (!NUMBER.matcher(text).matches()) {
      throw node.error("expected a number, got " + node.show());
    }
    return Double.parseDouble(text);
  }

  /** An account: a keyring name ({@code alice}, {@code sp-1}) or 32 bytes as 0x-hex. */
  public static AccountId account(YamlNode node) {
    String text = node.isScalar() ? node.text("an account").trim() : "";
    if (!text.startsWith("0x") && (text.isEmpty() || !node.tag().equals(Tag.STR))) {
      throw node.error(
          "expected an account (a keyring name such as alice, or 0x and 64 hex digits), got "
              + node.show());
    }
    if (text.startsWith("0x")) {
      if (!HEX32.matcher(text).matches()) {
        throw node.error("an account in hex is 0x and 64 hex digits, got " + node.show());
      }
      return AccountId.of(HexFormat.of().parseHex(text.substring(2)));
    }
    if (!text.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
      throw node.error("a keyring name is letters, digits, '-', '_', '.', got " + node.show());
    }
    return Keyring.account(text);
  }

  /** A 32-byte digest as 0x and 64 hex digits. */
  public static H256 h256(YamlNode node) {
    String text = node.isScalar() ? node.text("a hash").trim() : "";
    if (!HEX32.matcher(text).matches()) {
      throw node.error("expected a 32-byte hash (0x and 64 hex digits), got " + node.show());
    }
    return H256.fromHex(text);
  }

  /**
   * A commitment: {@code piece:<label>} (the simulated piece commitment of that label), 0x and 64
   * hex digits (a piece commitment with exactly that digest), {@code <codec>:<multihash>:<hex>} as
   * a CID prints, or {@code undef}.
   */
  public static Cid cid(YamlNode node) {
    String text = node.isScalar() ? node.text("a CID").trim() : "";
    if (text.startsWith("piece:") && text.length() > "piece:".length()) {
      return Commitments.piece(text.substring("piece:".length()));
    }
    if (text.equals("undef")) return Cid.UNDEFINED;
    if (HEX32.matcher(text).matches()) {
      return Cid.of(
          Cid.FIL_COMMITMENT_UNSEALED,
          Cid.SHA2_256_TRUNC254_PADDED,
          HexFormat.of().parseHex(text.substring(2)));
    }
    Matcher m = Pattern.compile("([0-9a-f]{1,8}):([0-9a-f]{1,8}):([0-9a-f]{64})").matcher(text);
    if (m.matches()) {
      return Cid.of(
          Integer.parseUnsignedInt(m.group(1), 16),
          Integer.parseUnsignedInt(m.group(2), 16),
          HexFormat.of().parseHex(m.group(3)));
    }
    throw node.error(
        "expected a CID (piece:<label>, 0x and 64 hex digits, or codec:multihash:digest), got "
            + node.show());
  }

  private static Object enumValue(YamlNode node, Class<?> type) {
    String text = node.isScalar() ? node.text("a name") : "";
    for (Object c : type.getEnumConstants()) {
      if (Names.normalize(((Enum<?>) c).name()).equals(Names.normalize(text))) return c;
    }
    List<String> names = new ArrayList<>();
    for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name());
    throw node.error(
        "expected one of "
            + String.join(", ", names)
            + " ("
            + type.getSimpleName()
            + "), got "
            + node.show());
  }

  // ------------------------------------------------------------------ records

  /**
   * A record from a map of its components (names in camelCase, kebab-case or snake_case; missing
   * {@code Option} components are none). A record of one component may be written as that
   * component's value. {@code what} names the record in messages ({@code ""}: its type).
   */
  public static Object record(YamlNode node, Class<?> type, String what) {
    RecordComponent[] components = type.getRecordComponents();
    String name = what.isEmpty() ? type.getSimpleName() : what;
    Object[] values = new Object[components.length];
    if (!node.isMap() && components.length == 1) {
      values[0] = convert(node, components[0].getGenericType());
      return construct(node, type, components, values, name);
    }
    if (!node.isMap()) {
      if (components.length == 0 && node.isNull())
        return construct(node, type, components, values, name);
      throw node.error("expected a map of " + signature(type) + ", got " + node.show());
    }
    YamlMap map = node.map();
    Map<String, String> byNormal = new LinkedHashMap<>();
    for (RecordComponent c : components) byNormal.put(Names.normalize(c.getName()), c.getName());
    Map<String, YamlNode> given = new LinkedHashMap<>();
    for (var e : map.entries()) {
      String component = byNormal.get(Names.normalize(e.getKey()));
      if (component == null) {
        throw map.keyError(
            e.getKey(),
            "unknown "
                + (what.isEmpty() ? "field" : "argument")
                + " '"
                + e.getKey()
                + "' of "
                + name
                + " (takes "
                + signature(type)
                + ")");
      }
      if (given.put(component, e.getValue()) != null) {
        throw map.keyError(e.getKey(), "'" + component + "' is given twice");
      }
    }
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      YamlNode v = given.get(c.getName());
      if (v == null) {
        if (c.getType() == Option.class) {
          values[i] = Option.none();
          continue;
        }
        throw node.error(
            "missing "
                + (what.isEmpty() ? "field" : "argument")
                + " '"
                + Names.kebab(c.getName())
                + "' of "
                + name
                + " (takes "
                + signature(type)
                + ")");
      }
      values[i] = convert(v, c.getGenericType());
    }
    return construct(node, type, components, values, name);
  }

  private static Object construct(
      YamlNode node, Class<?> type, RecordComponent[] components, Object[] values, String name) {
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw node.error(name + " rejects these values: " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw node.error("cannot build " + name + ": " + e, e);
    }
  }

  private static Object sealedVariant(YamlNode node, Class<?> type) {
    Map<String, Class<?>> variants = new LinkedHashMap<>();
    for (Class<?> v : type.getPermittedSubclasses()) variants.put(v.getSimpleName(), v);
    String name;
    YamlNode body;
    if (node.isScalar()) {
      name = node.text("a variant");
      body = null;
    } else if (node.isMap() && node.map().size() == 1) {
      name = node.map().keys().iterator().next();
      body = node.map().require(name);
    } else {
      throw node.error(
          "expected one of "
              + String.join(", ", variants.keySet())
              + " ("
              + type.getSimpleName()
              + ") as a name or a one-key map, got "
              + node.show());
    }
    Class<?> variant = null;
    for (var e : variants.entrySet()) {
      if (Names.normalize(e.getKey()).equals(Names.normalize(name))) variant = e.getValue();
    }
    if (variant == null || !variant.isRecord()) {
      throw node.error(
          "unknown "
              + type.getSimpleName()
              + " '"
              + name
              + "'"
              + Names.suggestion(name, variants.keySet(), "variants"));
    }
    if (body == null) {
      if (variant.getRecordComponents().length != 0) {
        throw node.error(variant.getSimpleName() + " needs " + signature(variant));
      }
      return construct(node, variant, new RecordComponent[0], new Object[0], name);
    }
    return record(body, variant, "");
  }

  // ------------------------------------------------------------------ names for messages

  /** {@code dest: AccountId, value: long}: a record's components for messages. */
  public static String signature(Class<?> record) {
    if (!record.isRecord()) return typeName(record);
    return java.util.Arrays.stream(record.getRecordComponents())
        .map(c -> Names.kebab(c.getName()) + ": " + typeName(c.getGenericType()))
        .collect(Collectors.joining(", "));
  }

  /** A type's short name: {@code Vector<AccountId>}. */
  public static String typeName(Type type) {
    if (type instanceof Class<?> c) return c.getSimpleName();
    if (type instanceof ParameterizedType p) {
      StringBuilder out = new StringBuilder(typeName(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        if (i > 0) out.append(", ");
        out.append(typeName(args[i]));
      }
      return out.append('>').toString();
    }
    return type.getTypeName();
  }
}
