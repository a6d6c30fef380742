package dev.palletsim.examples;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageItem;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.executive.Runtime;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a scenario file can name in one runtime: its calls ({@code Balances.transfer_keep_alive} or
 * {@code Balances.TransferKeepAlive}), events ({@code Balances.Transfer}), errors and storage items
 * ({@code Balances.TotalIssuance}), with the Java types behind them so that values can be converted
 * and checked before a run starts.
 *
 * <p>Calls come from {@code Runtime.callTypes()}. Events, errors and storage are found by the
 * pallet anatomy every pallet follows (ARCHITECTURE §4): next to {@code XPallet} and {@code XCall}
 * live {@code XEvent} (a sealed interface of records), {@code XError} (an enum of {@link
 * PalletError}) and {@code XStorage} (static storage items). A pallet laid out differently adds its
 * types with {@link #registerEvents}, {@link #registerErrors} and {@link #registerStorage}.
 */
public final class RuntimeCatalog {
  private static final List<EventSource> EXTRA_EVENTS = new CopyOnWriteArrayList<>();
  private static final List<Class<? extends PalletError>> EXTRA_ERRORS =
      new CopyOnWriteArrayList<>();
  private static final List<Class<?>> EXTRA_STORAGE = new CopyOnWriteArrayList<>();

  private record EventSource(String pallet, Class<? extends Event> type) {}

  /**
   * A call of the runtime.
   *
   * @param pallet the pallet's name
   * @param name the call's snake-case name
   * @param type the call record
   */
  public record CallInfo(String pallet, String name, Class<?> type) {
    /** {@code Balances.transfer_keep_alive}. */
    public String fullName() {
      return pallet + "." + name;
    }
  }

  /**
   * An event variant.
   *
   * @param pallet the emitting pallet's name
   * @param variant the variant's name
   * @param type the event record
   */
  public record EventInfo(String pallet, String variant, Class<?> type) {}

  /**
   * A storage item with the types of its keys and value ({@code null} where it has none).
   *
   * @param item the typed item
   * @param key1 the (first) key type, or null for a value
   * @param key2 the second key type of a double map, or null
   * @param value the value type
   */
  public record StorageInfo(StorageItem<?> item, Type key1, Type key2, Type value) {}

  private final Map<String, CallInfo> calls = new TreeMap<>();
  private final Map<String, EventInfo> events = new TreeMap<>();
  private final Map<String, Set<String>> errors = new TreeMap<>();
  private final Map<String, StorageInfo> storage = new TreeMap<>();
  private final Set<String> pallets = new TreeSet<>();

  /** Adds the events of {@code eventType} (a sealed interface of records) emitted by pallet. */
  public static void registerEvents(String pallet, Class<? extends Event> eventType) {
    EXTRA_EVENTS.add(new EventSource(pallet, eventType));
  }

  /** Adds an error enum. */
  public static void registerErrors(Class<? extends PalletError> errorType) {
    EXTRA_ERRORS.add(errorType);
  }

  /** Adds the storage items declared as static fields of {@code holder}. */
  public static void registerStorage(Class<?> holder) {
    EXTRA_STORAGE.add(holder);
  }

  /** The catalog of {@code runtime}. */
  @SuppressWarnings("unchecked")
  public RuntimeCatalog(Runtime runtime) {
    Map<String, String> prefixes = new LinkedHashMap<>(); // "pkg.Prefix" -> pallet name
    for (Pallet p : runtime.pallets()) {
      pallets.add(p.name());
      String simple = p.getClass().getSimpleName();
      if (simple.endsWith("Pallet")) {
        prefixes.putIfAbsent(
            p.getClass().getPackageName() + "." + simple.substring(0, simple.length() - 6),
            p.name());
      }
    }
    for (Class<? extends Call<?>> type : runtime.callTypes()) {
      Class<?> palletType = palletTypeOf(type);
      String pallet =
          palletType == null ? "?" : runtime.palletFor(palletType).map(Pallet::name).getOrElse("?");
      CallInfo info = new CallInfo(pallet, Names.snake(type.getSimpleName()), type);
      calls.put(pallet + "." + info.name(), info);
      calls.put(pallet + "." + type.getSimpleName(), info);
      for (Class<?> i : type.getInterfaces()) {
        if (i.getSimpleName().endsWith("Call") && Call.class.isAssignableFrom(i)) {
          String s = i.getSimpleName();
          prefixes.putIfAbsent(i.getPackageName() + "." + s.substring(0, s.length() - 4), pallet);
        }
      }
    }
    ClassLoader loader = RuntimeCatalog.class.getClassLoader();
    for (var e : prefixes.entrySet()) {
      Class<?> ev = load(loader, e.getKey() + "Event");
      if (ev != null && Event.class.isAssignableFrom(ev)) {
        addEvents(e.getValue(), (Class<? extends Event>) ev);
      }
      Class<?> er = load(loader, e.getKey() + "Error");
      if (er != null && er.isEnum() && PalletError.class.isAssignableFrom(er)) {
        addErrors((Class<? extends PalletError>) er);
      }
      Class<?> st = load(loader, e.getKey() + "Storage");
      if (st != null) addStorage(st);
    }
    for (EventSource s : EXTRA_EVENTS) addEvents(s.pallet(), s.type());
    for (Class<? extends PalletError> er : EXTRA_ERRORS) addErrors(er);
    for (Class<?> st : EXTRA_STORAGE) addStorage(st);
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** The pallet class {@code P} of a call record implementing {@code Call<P>}. */
  static Class<?> palletTypeOf(Class<?> callType) {
    for (Type t : callType.getGenericInterfaces()) {
      if (t instanceof ParameterizedType p && p.getRawType() == Call.class) {
        Type arg = p.getActualTypeArguments()[0];
        return arg instanceof Class<?> c ? c : null;
      }
      Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
      Class<?> found = palletTypeOf(raw);
      if (found != null) return found;
    }
    return null;
  }

  private void addEvents(String pallet, Class<? extends Event> type) {
    if (type.isRecord()) {
      events.put(
          pallet + "." + type.getSimpleName(), new EventInfo(pallet, type.getSimpleName(), type));
      return;
    }
    if (type.isSealed()) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        if (Event.class.isAssignableFrom(sub)) {
          @SuppressWarnings("unchecked")
          Class<? extends Event> e = (Class<? extends Event>) sub;
          addEvents(pallet, e);
        }
      }
    }
  }

  private void addErrors(Class<? extends PalletError> type) {
    for (PalletError e : type.getEnumConstants()) {
      errors.computeIfAbsent(e.name(), k -> new TreeSet<>()).add(e.pallet() + "::" + e.name());
    }
  }

  private void addStorage(Class<?> holder) {
    for (Field f : holder.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())
          || !StorageItem.class.isAssignableFrom(f.getType())) {
        continue;
      }
      try {
        f.setAccessible(true);
        StorageItem<?> item = (StorageItem<?>) f.get(null);
        Type[] args =
            f.getGenericType() instanceof ParameterizedType p
                ? p.getActualTypeArguments()
                : new Type[0];
        StorageInfo info;
        if (item instanceof StorageValue<?> && args.length == 1) {
          info = new StorageInfo(item, null, null, args[0]);
        } else if (item instanceof StorageMap<?, ?> && args.length == 2) {
          info = new StorageInfo(item, args[0], null, args[1]);
        } else if (item instanceof StorageDoubleMap<?, ?, ?> && args.length == 3) {
          info = new StorageInfo(item, args[0], args[1], args[2]);
        } else if (item instanceof IndexedStorageMap<?> && args.length == 1) {
          info = new StorageInfo(item, Long.class, null, args[0]);
        } else {
          continue;
        }
        storage.put(item.key(), info);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // an item that cannot be read reflectively is simply not addressable by name
      }
    }
  }

  /** The call named {@code Pallet.call_name} or {@code Pallet.RecordName}, if any. */
  public CallInfo call(String name) {
    return calls.get(name);
  }

  /** Every call, one entry per call (by snake-case name). */
  public List<CallInfo> calls() {
    Set<CallInfo> out = new LinkedHashSet<>(calls.values());
    List<CallInfo> list = new ArrayList<>(out);
    list.sort(java.util.Comparator.comparing(CallInfo::fullName));
    return list;
  }

  /** The names by which calls can be given (snake case only). */
  public Set<String> callNames() {
    Set<String> out = new TreeSet<>();
    for (CallInfo c : calls.values()) out.add(c.fullName());
    return out;
  }

  /** The event {@code Pallet.Variant}, if known. */
  public EventInfo event(String name) {
    return events.get(name);
  }

  /** Every event, by {@code Pallet.Variant}. */
  public Map<String, EventInfo> events() {
    return Collections.unmodifiableMap(events);
  }

  /** The storage item {@code Pallet.Item}, if known. */
  public StorageInfo storage(String key) {
    return storage.get(key);
  }

  /** Every storage item, by key. */
  public Map<String, StorageInfo> storage() {
    return Collections.unmodifiableMap(storage);
  }

  /** The pallet names of the runtime. */
  public Set<String> pallets() {
    return Collections.unmodifiableSet(pallets);
  }

  /**
   * The canonical form of an expected dispatch error ({@code InsufficientBalance}, {@code
   * Balances.InsufficientBalance}, {@code Balances::InsufficientBalance}, {@code BadOrigin}, {@code
   * Arithmetic::Overflow}), or null when no pallet of the runtime declares it.
   */
  public String error(String given) {
    String g = given.replace(".", "::");
    if (g.equals("BadOrigin") || g.equals("Exhausted")) return g;
    for (var k : dev.palletsim.frame.InvalidTransaction.values()) {
      if (g.equals("InvalidTransaction::" + k.name())) return g;
    }
    for (ArithmeticError a : ArithmeticError.values()) {
      if (g.equals("Arithmetic::" + a.name())) return g;
    }
    if (g.contains("::")) {
      String variant = g.substring(g.indexOf("::") + 2);
      Set<String> full = errors.get(variant);
      return full != null && full.contains(g) ? g : null;
    }
    return errors.containsKey(g) ? g : null;
  }

  /** Every error name a scenario may expect, qualified. */
  public Set<String> errorNames() {
    Set<String> out = new TreeSet<>();
    errors.values().forEach(out::addAll);
    out.add("BadOrigin");
    out.add("Exhausted");
    for (var k : dev.palletsim.frame.InvalidTransaction.values()) {
      out.add("InvalidTransaction::" + k.name());
    }
    for (ArithmeticError a : ArithmeticError.values()) out.add("Arithmetic::" + a.name());
    return out;
  }
}
