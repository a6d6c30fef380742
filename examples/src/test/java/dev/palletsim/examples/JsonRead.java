package dev.palletsim.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for tests (RFC 8259: objects, arrays, strings with escapes, numbers, true,
 * false, null), so that tests check the program's JSON the way a script would read it rather than
 * with the code that wrote it. Numbers become {@code Double}s.
 */
final class JsonRead {
  private final String s;
  private int i;

  private JsonRead(String s) {
    this.s = s;
  }

  /** The value {@code text} holds; an {@link IllegalArgumentException} if it is not JSON. */
  static Object parse(String text) {
    JsonRead r = new JsonRead(text);
    Object v = r.value();
    r.space();
    if (r.i != text.length()) throw r.bad("trailing text");
    return v;
  }

  /** The object {@code text} holds. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }

  /** {@code value} as a JSON array. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** {@code value} as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private Object value() {
    space();
    if (i >= s.length()) throw bad("end of text");
    char c = s.charAt(i);
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (s.startsWith("true", i)) return word("true", Boolean.TRUE);
    if (s.startsWith("false", i)) return word("false", Boolean.FALSE);
    if (s.startsWith("null", i)) return word("null", null);
    return number();
  }

  private Object word(String w, Object v) {
    i += w.length();
    return v;
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    i++;
    space();
    if (s.charAt(i) == '}') {
      i++;
      return out;
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      if (out.containsKey(key)) throw bad("duplicate key " + key);
      out.put(key, value());
      space();
      if (s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect('}');
      return out;
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    i++;
    space();
    if (s.charAt(i) == ']') {
      i++;
      return out;
    }
    while (true) {
      out.add(value());
      space();
      if (s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(']');
      return out;
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') return out.toString();
      if (c < 0x20) throw bad("control character in a string");
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw bad("bad escape");
      }
    }
  }

  private Double number() {
    int start = i;
    if (s.charAt(i) == '-') i++;
    while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
    String n = s.substring(start, i);
    if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) throw bad("number " + n);
    return Double.valueOf(n);
  }

  private void expect(char c) {
    if (i >= s.length() || s.charAt(i) != c) throw bad("expected " + c);
    i++;
  }

  private void space() {
    while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) i++;
  }

  private IllegalArgumentException bad(String what) {
    return new IllegalArgumentException("not JSON at " + i + ": " + what);
  }
}
