package dev.palletsim.frame;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the pallet a call, an event or an error belongs to from the type argument it declares
 * ({@code MarketCall extends Call<MarketPallet>}, {@code MarketEvent extends
 * Event.Of<MarketPallet>}), and a pallet's name from its {@link PalletName}. Each answer is
 * computed once per class.
 */
final class PalletTypes {
  private PalletTypes() {}

  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          PalletName declared = type.getAnnotation(PalletName.class);
          if (declared == null) {
            throw new IllegalStateException(
                "pallet "
                    + type.getName()
                    + " declares no name: annotate its class with @PalletName(\"...\")");
          }
          if (declared.value().isEmpty()) {
            throw new IllegalStateException(
                "pallet " + type.getName() + " declares an empty @PalletName");
          }
          return declared.value();
        }
      };

  private static final ClassValue<Class<?>> CALL_PALLETS = argumentOf(Call.class);
  private static final ClassValue<Class<?>> EVENT_PALLETS = argumentOf(Event.Of.class);
  private static final ClassValue<Class<?>> ERROR_PALLETS = argumentOf(PalletError.Of.class);

  /** The name {@code pallet}'s class declares with {@link PalletName}. */
  static String name(Class<?> pallet) {
    return NAMES.get(pallet);
  }

  /** Whether {@code pallet}'s class declares a {@link PalletName}. */
  static boolean declaresName(Class<?> pallet) {
    return pallet.isAnnotationPresent(PalletName.class);
  }

  /** The pallet class {@code call} names in {@code Call<P>}. */
  static Class<?> callPallet(Class<?> call) {
    return CALL_PALLETS.get(call);
  }

  /** The pallet class {@code event} names in {@code Event.Of<P>}. */
  static Class<?> eventPallet(Class<?> event) {
    return EVENT_PALLETS.get(event);
  }

  /** The pallet class {@code error} names in {@code PalletError.Of<P>}. */
  static Class<?> errorPallet(Class<?> error) {
    return ERROR_PALLETS.get(error);
  }

  private static ClassValue<Class<?>> argumentOf(Class<?> generic) {
    return new ClassValue<>() {
      @Override
      protected Class<?> computeValue(Class<?> type) {
        Type found = find(type, generic, Map.of());
        Class<?> raw = rawClass(found);
        if (raw == null || !Pallet.class.isAssignableFrom(raw)) {
          throw new IllegalStateException(
              type.getName()
                  + " does not name its pallet class in "
                  + generic.getSimpleName()
                  + "<P>: declare it as "
                  + generic.getSimpleName()
                  + "<MyPallet>");
        }
        return raw;
      }
    };
  }

  /**
   * The first type argument {@code type} gives {@code generic}, with the type variables of the
   * classes in between substituted; {@code null} when it is not given.
   */
  private static Type find(Type type, Class<?> generic, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw;
    Map<TypeVariable<?>, Type> here = Map.of();
    if (type instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      Map<TypeVariable<?>, Type> m = new HashMap<>();
      for (int i = 0; i < vars.length; i++) m.put(vars[i], substitute(args[i], bindings));
      here = m;
      if (raw == generic) return here.get(vars[0]);
    } else if (type instanceof Class<?> c) {
      raw = c;
      if (raw == generic) return null;
    } else {
      return null;
    }
    for (Type parent : raw.getGenericInterfaces()) {
      Type r = find(parent, generic, here);
      if (r != null) return r;
    }
    Type superclass = raw.getGenericSuperclass();
    return superclass == null ? null : find(superclass, generic, here);
  }

  private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof TypeVariable<?> v && bindings.containsKey(v)) return bindings.get(v);
    return t;
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    return null;
  }
}
