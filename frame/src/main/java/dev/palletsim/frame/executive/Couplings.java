package dev.palletsim.frame.executive;

import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runtime's table of coupling implementations (FRAME's tight coupling through config traits,
 * ARCHITECTURE §2): which object implements {@code Market}, {@code StoragePower}, {@code Currency}
 * … A pallet receives the table at construction and resolves its counterparts lazily, so pallets
 * that call each other (the market and the storage provider pallet) can be built in any order. The
 * runtime builder fills the table with every coupling interface each pallet implements, plus
 * explicit overrides (test fakes), and freezes it when the runtime is built; a frozen table is
 * read-only and may be read from any thread.
 */
public final class Couplings {
  private final Map<Class<?>, Object> impls = new LinkedHashMap<>();
  private boolean frozen;

  Couplings() {}

  /** A table for unit tests that wire pallets by hand; bind with {@link #bind}. */
  public static Couplings forTest() {
    return new Couplings();
  }

  /** Binds {@code type} to {@code impl}, replacing any earlier binding. */
  public <T> Couplings bind(Class<T> type, T impl) {
    if (frozen) throw new IllegalStateException("couplings are frozen once the runtime is built");
    impls.put(type, type.cast(impl));
    return this;
  }

  boolean has(Class<?> type) {
    return impls.containsKey(type);
  }

  void freeze() {
    frozen = true;
  }

  /** Every binding, in the order bound. */
  Iterable<Map.Entry<Class<?>, Object>> entries() {
    return java.util.Collections.unmodifiableMap(impls).entrySet();
  }

  /** The implementation of {@code type}; throws if none is bound (a wiring bug). */
  public <T> T require(Class<T> type) {
    Object impl = impls.get(type);
    if (impl == null) {
      throw new IllegalStateException("no " + type.getSimpleName() + " is wired into this runtime");
    }
    return type.cast(impl);
  }

  /** The implementation of {@code type}, if bound. */
  public <T> Option<T> find(Class<T> type) {
    return Option.of(impls.get(type)).map(type::cast);
  }

  /**
   * A supplier resolving {@code type} on first use and caching it. Safe to call from any number of
   * threads once the table is frozen: every thread resolves to the same implementation.
   */
  public <T> Supplier<T> lazy(Class<T> type) {
    return new Supplier<>() {
      private volatile T cached;

      @Override
      public T get() {
        T c = cached;
        if (c == null) {
          c = require(type);
          cached = c;
        }
        return c;
      }
    };
  }
}
