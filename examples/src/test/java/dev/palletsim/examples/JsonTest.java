package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The outputs' JSON layout, written out by hand. */
class JsonTest {
  record Point(long x) {}

  @Test
  void mapsOneEntryPerLinePlainArraysOnOneLineNestedOnesByElement() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("empty", Map.of());
    inner.put("none", List.of());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "quick\"start\\\n\t\u0001\u001f ü");
    root.put("blocks", 200L);
    root.put("share", 0.25);
    root.put("nan", Double.NaN);
    root.put("big", new BigDecimal("12.9"));
    root.put("ok", true);
    root.put("nothing", null);
    root.put("values", List.of(1, 2.5, "x"));
    root.put("sorted", new TreeSet<>(List.of(3, 1)));
    root.put("rows", List.of(Map.of("a", 1), List.of(1, 2)));
    root.put("inner", inner);
    root.put("record", new Point(3));
    root.put("vavr", io.vavr.collection.List.of(1, 2));
    List<Object> mixed = new ArrayList<>();
    mixed.add(null);
    mixed.add(7L);
    root.put("mixed", mixed);
    String expected =
        """
        {
          "name": "quick\\"start\\\\\\n\\t\\u0001\\u001f ü",
          "blocks": 200,
          "share": 0.25,
          "nan": null,
          "big": 12,
          "ok": true,
          "nothing": null,
          "values": [1, 2.5, "x"],
          "sorted": [1, 3],
          "rows": [
            {
              "a": 1
            },
            [1, 2]
          ],
          "inner": {
            "empty": {},
            "none": []
          },
          "record": "Point[x=3]",
          "vavr": "List(1, 2)",
          "mixed": [null, 7]
        }
        """;
    assertThat(Json.write(root)).isEqualTo(expected);
  }
}
