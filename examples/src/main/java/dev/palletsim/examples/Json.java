package dev.palletsim.examples;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for the run outputs: maps keep their order, numbers use {@link
 * Numbers#format}, arrays of plain values go on one line. Deterministic: the same values give the
 * same bytes.
 */
final class Json {
  private Json() {}

  /** {@code value} (maps, collections, strings, numbers, booleans, null) as indented JSON. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object value, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? Numbers.format(d) : "null");
    } else if (value instanceof Number n) {
      out.append(n.longValue());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (var e : map.entrySet()) {
        pad(out, indent + 1);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        write(out, e.getValue(), indent + 1);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      boolean flat = list.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof Collection));
      if (flat) {
        out.append('[');
        int i = 0;
        for (Object x : list) {
          if (i++ > 0) out.append(", ");
          write(out, x, indent);
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      int i = 0;
      for (Object x : list) {
        pad(out, indent + 1);
        write(out, x, indent + 1);
        out.append(++i < list.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append(']');
    } else {
      string(out, String.valueOf(value));
    }
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}
