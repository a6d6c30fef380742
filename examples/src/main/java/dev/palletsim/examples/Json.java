package dev.palletsim.examples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * The run outputs' JSON, written by Jackson in palletsim's layout: maps keep their order and put
 * one entry per line, arrays of plain values go on one line ({@code [1, 2, 3]}), arrays of maps or
 * arrays one element per line, numbers use {@link Numbers#format} (a non-finite one is {@code
 * null}), control characters are six-character escapes in lower-case hex. Maps, collections,
 * strings, numbers and booleans are written as such; any other value as its {@code toString}.
 * Deterministic: the same values give the same bytes.
 */
final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = mapper();

  /** {@code value} (maps, collections, strings, numbers, booleans, null) as indented JSON. */
  static String write(Object value) {
    try {
      return MAPPER.writer(new Layout()).writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    SimpleModule module = new SimpleModule("palletsim-outputs");
    module.setSerializers(new PlainValues());
    mapper.registerModule(module);
    mapper.getFactory().setCharacterEscapes(new ControlEscapes());
    return mapper;
  }

  /**
   * Numbers as the outputs print them; every type that is not a map, a collection or a plain value
   * as its {@code toString}, never as a bean.
   */
  private static final class PlainValues extends SimpleSerializers {
    private static final long serialVersionUID = 1L;

    PlainValues() {
      addSerializer(Double.class, new Decimal());
      addSerializer(Float.class, new Decimal());
      addSerializer(Number.class, new Whole());
    }

    @Override
    public JsonSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription beanDesc) {
      JsonSerializer<?> own = super.findSerializer(config, type, beanDesc);
      if (own != null) return own;
      Class<?> c = type.getRawClass();
      if (Map.class.isAssignableFrom(c)
          || Collection.class.isAssignableFrom(c)
          || c == String.class
          || c == Boolean.class
          || c == boolean.class) {
        return null;
      }
      return ToStringSerializer.instance;
    }
  }

  private static final class Decimal extends StdSerializer<Number> {
    private static final long serialVersionUID = 1L;

    Decimal() {
      super(Number.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator g, SerializerProvider p) throws IOException {
      double d = value.doubleValue();
      if (Double.isFinite(d)) g.writeNumber(Numbers.format(d));
      else g.writeNull();
    }
  }

  private static final class Whole extends StdSerializer<Number> {
    private static final long serialVersionUID = 1L;

    Whole() {
      super(Number.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeNumber(value.longValue());
    }
  }

  /** Control characters other than newline, return and tab as escapes in lower-case hex. */
  private static final class ControlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] codes = standardAsciiEscapesForJSON();

    ControlEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\n' && c != '\r' && c != '\t') codes[c] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }

  /**
   * The layout: two spaces per level, {@code "key": value}, and arrays on one line when none of
   * their elements is a map or a collection (decided from the collection being written).
   */
  private static final class Layout implements PrettyPrinter {
    private int level;
    private final Deque<Boolean> flat = new ArrayDeque<>();

    private void newline(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
      for (int i = 0; i < level; i++) g.writeRaw("  ");
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      level--;
      if (entries > 0) newline(g);
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      Object current = g.getOutputContext().getCurrentValue();
      boolean plain =
          current instanceof Collection<?> c
              && c.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof Collection));
      flat.push(plain);
      g.writeRaw('[');
      if (!plain) level++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (!flat.peek()) newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      if (flat.peek()) {
        g.writeRaw(", ");
      } else {
        g.writeRaw(',');
        newline(g);
      }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      if (!flat.pop()) {
        level--;
        if (values > 0) newline(g);
      }
      g.writeRaw(']');
    }
  }
}
