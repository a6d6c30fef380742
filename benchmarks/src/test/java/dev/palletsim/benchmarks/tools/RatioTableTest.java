package dev.palletsim.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The ratio table pairs each benchmark with the baseline of the same parameters. */
class RatioTableTest {
  static final String JSON =
      """
      [
        {"benchmark": "dev.palletsim.benchmarks.SettleBenchmark.settleOne",
         "params": {"deals": "10000"},
         "primaryMetric": {"score": 2000.0, "scoreError": 100.0, "scoreUnit": "ns/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 5120.0, "scoreUnit": "B/op"}}},
        {"benchmark": "dev.palletsim.benchmarks.SettleBenchmark.settleOne",
         "params": {"deals": "1000000"},
         "primaryMetric": {"score": 3000.0, "scoreError": 300.0, "scoreUnit": "ns/op"}},
        {"benchmark": "dev.palletsim.benchmarks.SettleBenchmark.settleOneBaseline",
         "params": {"deals": "10000"},
         "primaryMetric": {"score": 20.0, "scoreError": 2.0, "scoreUnit": "ns/op"}},
        {"benchmark": "dev.palletsim.benchmarks.SettleBenchmark.settleOneBaseline",
         "params": {"deals": "1000000"},
         "primaryMetric": {"score": 60.0, "scoreError": "NaN", "scoreUnit": "ns/op"}},
        {"benchmark": "dev.palletsim.benchmarks.CronBenchmark.cron",
         "params": {"deals": "10000", "regime": "legacy"},
         "primaryMetric": {"score": 50.0, "scoreError": 1.0, "scoreUnit": "us/op"},
         "secondaryMetrics": {"blocks": {"score": 400.0}, "items": {"score": 4280.0}}},
        {"benchmark": "dev.palletsim.benchmarks.DispatchBenchmark.blockWithOneTransfer",
         "params": {},
         "primaryMetric": {"score": 9.0, "scoreError": 1.0, "scoreUnit": "us/op"}}
      ]
      """;

  static java.util.List<RatioTable.Row> rows() throws Exception {
    return RatioTable.pair(RatioTable.read(new ObjectMapper().readTree(JSON)));
  }

  @Test
  void eachBenchmarkMeetsTheBaselineOfItsOwnParameters() throws Exception {
    var rows = rows();
    assertThat(rows).hasSize(4);
    var small = rows.get(0);
    assertThat(small.measured().params()).containsEntry("deals", "10000");
    assertThat(small.baseline().score()).isEqualTo(20.0);
    assertThat(small.ratio()).isEqualTo(100.0);
    // relative errors 5 % and 10 % in quadrature
    assertThat(small.ratioError())
        .isCloseTo(100.0 * Math.sqrt(0.05 * 0.05 + 0.1 * 0.1), within(1e-9));
    var large = rows.get(1);
    assertThat(large.ratio()).isEqualTo(50.0);
    // a baseline without an error contributes none
    assertThat(large.ratioError()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void benchmarksWithoutBaselineAreListedWithoutRatio() throws Exception {
    var rows = rows();
    assertThat(rows.get(2).baseline()).isNull();
    assertThat(rows.get(3).baseline()).isNull();
    String md = RatioTable.markdown(rows);
    assertThat(md)
        .contains("| DispatchBenchmark.blockWithOneTransfer |  | 9.00 ± 1.00 us/op | – | – | – |");
  }

  @Test
  void theTableShowsRatioAllocationAndWorkPerBlock() throws Exception {
    String md = RatioTable.markdown(rows());
    assertThat(md)
        .contains(
            "| SettleBenchmark.settleOne | deals=10000 | 2,000 ± 100 ns/op | 20.0 ± 2.00 ns/op |"
                + " 100 ± 11.2× | 5,120 B/op |");
    assertThat(md).contains("| CronBenchmark.cron | deals=10000, regime=legacy | items 10.7 |");
  }

  @Test
  void significantDigitsReadNaturally() {
    assertThat(RatioTable.sig(1234567.0)).isEqualTo("1,234,567");
    assertThat(RatioTable.sig(123.4)).isEqualTo("123");
    assertThat(RatioTable.sig(12.34)).isEqualTo("12.3");
    assertThat(RatioTable.sig(1.234)).isEqualTo("1.23");
    assertThat(RatioTable.sig(0.01234)).isEqualTo("0.012");
  }
}
