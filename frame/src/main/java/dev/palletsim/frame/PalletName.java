package dev.palletsim.frame;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a pallet's name, once, on its class: {@code @PalletName("Market") public final class
 * MarketPallet implements Pallet}. Everything else that names the pallet derives it from here:
 * {@link Pallet#name()}, the prefix of its storage items ({@code Pallet.nameOf(MarketPallet.class)}
 * or the pallet's {@code NAME} constant), its errors ({@link PalletError.Of}), its events ({@link
 * Event.Of}) and its calls ({@link Call#palletType()}). In FRAME the name is the one {@code
 * construct_runtime!} gives the pallet ({@code PalletInfo::name}); palletsim runs each pallet class
 * at most once per runtime, so the class carries it.
 *
 * <p>The name is part of every storage key ({@code Market.Proposals}) and so of state hashes and
 * saved chains: renaming a pallet class leaves it unchanged, changing this value does not.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PalletName {
  /** The pallet's name, in FRAME's upper camel case (e.g. {@code "Market"}). */
  String value();
}
