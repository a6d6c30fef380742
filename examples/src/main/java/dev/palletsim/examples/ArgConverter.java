package dev.palletsim.examples;

/**
 * Turns a scenario value into a value of one Java type, for call arguments, event field matchers
 * and storage expectations. Register one with {@link ArgConverters#register} for a type the
 * built-in conversions cannot build (for instance a client-signed deal proposal, whose signature
 * must be computed with the client's dev key). A converter reports a bad value with {@link
 * YamlNode#error}, so the message names the line.
 *
 * @param <T> the type it produces
 */
@FunctionalInterface
public interface ArgConverter<T> {
  /** The value of {@code node} as a {@code T}; throws {@link ScenarioException} when malformed. */
  T convert(YamlNode node);
}
