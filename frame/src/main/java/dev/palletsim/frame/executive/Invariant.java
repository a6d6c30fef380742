package dev.palletsim.frame.executive;

import dev.palletsim.frame.StateView;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * A property of the state that must hold after every block (FRAME's {@code try_state}): registered
 * once with the runtime and checked by the executive when enabled ({@code
 * RuntimeConfig.invariantCheckInterval}).
 */
public interface Invariant {
  /** A short statement of the property. */
  String name();

  /** Why the property does not hold in {@code view}, or none when it does. */
  Option<String> check(StateView view);

  /** An invariant from a name and a check. */
  static Invariant of(String name, Function<StateView, Option<String>> check) {
    return new Invariant() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Option<String> check(StateView view) {
        return check.apply(view);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
