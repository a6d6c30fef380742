package dev.palletsim.frame.snapshot;

import io.vavr.control.Option;

/**
 * One setting on which a saved chain's runtime and another runtime differ.
 *
 * @param setting the setting's name ({@code market.fip0074-activation-block})
 * @param saved its value when the chain was saved (none: the saving runtime had no such setting)
 * @param now its value in the other runtime (none: that runtime has no such setting)
 */
public record ConfigDifference(String setting, Option<String> saved, Option<String> now) {
  @Override
  public String toString() {
    return setting
        + ": saved "
        + saved.getOrElse("(absent)")
        + ", this runtime "
        + now.getOrElse("(absent)");
  }
}
