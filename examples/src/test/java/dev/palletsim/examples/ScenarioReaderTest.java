package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Step;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReaderTest {
  /** Three lines every error case starts with, so the line of the error is 3 + its offset. */
  static final String HEAD = "name: t\npreset: frame\nblocks: 5\n";

  static Scenario read(String text) {
    return ScenarioReader.read("t.yaml", text);
  }

  static final String FULL =
      """
      name: full
      description: >
        Every key of the format.
      preset: frame
      overrides:
        runtime: {session-period: 20, existential-deposit: 2 MILLI_TOKEN}
      seed: 7
      sessions: 3
      genesis:
        balances: {alice: 1000 TOKEN, bob: 1000 TOKEN, charlie: 5 TOKEN}
        session-keys: [alice, bob]
      agents:
        - {name: sender, type: transfers, params: {account: alice, peers: [bob], probability: 0.25}}
      steps:
        - {at-block: 10, label: too-much, call: Balances.transfer_keep_alive, origin: alice, args: {dest: bob, value: 1000000 TOKEN}, expect-error: InsufficientBalance}
        - {at-block: 11, call: Balances.TransferAllowDeath, origin: bob, args: {dest: charlie, value: 1.5 TOKEN}, expect-success: true}
        - {at-block: 12, call: Balances.force_set_balance, origin: root, args: {who: charlie, new-free: 7 TOKEN}}
        - {at-session: 1, offline: bob}
        - {at-block: 30, online: bob}
        - {at-block: 31, agent: sender, command: pause, args: {for: 3}}
        - {at-block: 35, restart: sender}
      expect:
        - {event: Balances.Transfer, fields: {from: bob, to: charlie, amount: 1.5 TOKEN}, from-block: 1, to-block: 20}
        - {no-event: System.BugReported}
        - {storage: Balances.Account, key: charlie, field: free, equals: 7 TOKEN, at-block: 12}
        - {storage: Session.Validators, equals: [alice, bob]}
        - {balance: bob, reserved: 0}
        - {metric: block.weight_us, max: {at-most: 2000000}}
        - {metric: weight.Balances.on_finalize_us, mean: {above: -1}}
      metrics: [block-weight, extrinsics, finalize-work(Balances), authorship]
      charts:
        - {title: Block weight, series: [block.*], y-axis: µs}
        - {title: Authors, counters: [authored.*]}
      """;

  @Test
  void aFullScenarioReadsIntoItsParts() {
    Scenario s = ScenarioReader.read("full.yaml", FULL);
    assertThat(s.name()).isEqualTo("full");
    assertThat(s.description()).isEqualTo("Every key of the format.");
    assertThat(s.runtime().config().sessionPeriod()).isEqualTo(20);
    assertThat(s.runtime().config().existentialDeposit()).isEqualTo(2 * Units.MILLI_TOKEN);
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.sessions()).isEqualTo(3);
    assertThat(s.runLength()).as("the first block of session 3").isEqualTo(60);
    assertThat(s.agents()).extracting(Scenario.AgentSpec::name).containsExactly("sender");
    assertThat(s.steps()).hasSize(7);
    Step first = s.steps().get(0);
    assertThat(first.label()).isEqualTo("too-much");
    assertThat(first.trigger()).isEqualTo(new Step.AtBlock(10));
    assertThat(first.action())
        .isEqualTo(
            new Step.Dispatch(
                Origin.signed(Keyring.account("alice")),
                new BalancesCall.TransferKeepAlive(
                    Keyring.account("bob"), 1_000_000 * Units.TOKEN)));
    assertThat(s.steps().get(1).label()).isEqualTo("steps[1]");
    assertThat(((Step.Dispatch) s.steps().get(1).action()).call())
        .isEqualTo(
            new BalancesCall.TransferAllowDeath(Keyring.account("charlie"), 15 * Units.TOKEN / 10));
    assertThat(((Step.Dispatch) s.steps().get(2).action()).origin()).isEqualTo(Origin.root());
    assertThat(s.steps().get(3))
        .isEqualTo(
            new Step(
                new Step.AtSession(1),
                "steps[3]",
                new Step.SetOnline(Keyring.account("bob"), false)));
    assertThat(s.steps().get(5).action())
        .isEqualTo(new Step.Command("sender", "pause", java.util.Map.of("for", 3L)));
    assertThat(s.steps().get(6).action()).isEqualTo(new Step.RestartAgent("sender"));
    assertThat(s.expectations())
        .extracting(Scenario.ExpectationSpec::description)
        .containsExactly(
            "step 'too-much' fails with InsufficientBalance",
            "step 'steps[1]' succeeds",
            "event Balances.Transfer {from: bob, to: charlie, amount: 1.5 TOKEN} in blocks 1..20",
            "no event System.BugReported",
            "Balances.Account[charlie].free = 7 TOKEN after block 12",
            "Session.Validators = [alice, bob] at the end",
            "reserved balance of bob = 0 at the end",
            "max(block.weight_us) <= 2000000 µs",
            "mean(weight.Balances.on_finalize_us) > -1 µs");
    assertThat(s.expectations()).extracting(Scenario.ExpectationSpec::line).isSorted();
    assertThat(s.metrics())
        .extracting(Scenario.MetricSpec::spec)
        .containsExactly("block-weight", "extrinsics", "finalize-work(Balances)", "authorship");
    assertThat(s.charts())
        .extracting(ChartSpec::title, ChartSpec::isBar, ChartSpec::fileName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Block weight", false, "chart-block-weight.png"),
            org.assertj.core.groups.Tuple.tuple("Authors", true, "chart-authors.png"));
  }

  @Test
  void aFullScenarioRunsAndMeetsItsExpectations() {
    String runnable =
        FULL.replace("  - {at-block: 31, agent: sender, command: pause, args: {for: 3}}\n", "");
    Scenario s = ScenarioReader.read("full.yaml", runnable);
    RunReport r = RunReport.run(s, s.seed(), s.runLength(), (d, t) -> {});
    assertThat(r.failureMessage()).isEmpty();
    assertThat(r.passed()).isTrue();
    assertThat(r.result().expectations()).hasSize(9);
    assertThat(r.sessions()).isEqualTo(3);
  }

  @Test
  void aCommandTheAgentDoesNotUnderstandStopsTheRunNamingTheStep() {
    Scenario s = ScenarioReader.read("full.yaml", FULL);
    RunReport r = RunReport.run(s, s.seed(), s.runLength(), (d, t) -> {});
    assertThat(r.passed()).isFalse();
    assertThat(r.result().lastBlock()).isEqualTo(31);
    assertThat(r.failureMessage())
        .contains("step 'steps[5]': agent sender does not understand pause");
  }

  @Test
  void aMetricExpectationOnADeclaredSeriesTheRunNeverSampledFailsAtTheEndNamingItsLine() {
    MetricCatalog.register(
        "test-silent",
        "declares a series it never records, for this test",
        List.of(MetricInfo.series("test.silent", "widgets", "never sampled")),
        () -> (rt, block, world, metrics) -> {});
    Scenario s =
        read(
            HEAD
                + "genesis: {session-keys: [alice]}\nmetrics: [test-silent]\nexpect:\n"
                + "  - {metric: test.silent, max: {above: 99999999}}\n");
    RunReport r = RunReport.run(s, s.seed(), s.runLength(), (d, t) -> {});
    assertThat(r.failureMessage().orElseThrow())
        .isEqualTo(
            "t.yaml:7: expectation failed: expected max(test.silent) > 99999999 widgets, but the"
                + " run recorded no sample of test.silent");
  }

  @Test
  void metricFailureMessagesPrintIntegersAsIntegersWithTheirUnit() {
    Scenario s =
        read(
            HEAD
                + "genesis: {session-keys: [alice]}\nmetrics: [extrinsics]\nexpect:\n"
                + "  - {metric: block.extrinsics, max: {above: 99999999}}\n");
    RunReport r = RunReport.run(s, s.seed(), s.runLength(), (d, t) -> {});
    // no extrinsics in this run: the maximum is 0, printed as an integer, in extrinsics
    assertThat(r.failureMessage().orElseThrow())
        .isEqualTo(
            "t.yaml:7: expectation failed: expected max(block.extrinsics) > 99999999 extrinsics,"
                + " found 0 extrinsics");
    assertThat(r.failureMessage().orElseThrow()).doesNotContain("E7", ".0 ");
  }

  private static String failureOf(String expectation) {
    Scenario s =
        read(
            HEAD.replace("blocks: 5", "blocks: 6")
                + "genesis: {balances: {alice: 10 TOKEN, bob: 10 TOKEN}, session-keys: [alice]}\n"
                + "steps:\n"
                + "  - {at-block: 2, call: Balances.transfer_keep_alive, origin: alice, args: {dest: bob, value: 1 TOKEN}}\n"
                + "expect:\n"
                + "  - "
                + expectation
                + "\n");
    RunReport r = RunReport.run(s, 1, 6, (d, t) -> {});
    return ((dev.palletsim.sim.Verdict.Failed) r.result().expectations().get(0).verdict())
        .message();
  }

  @Test
  void failedExpectationsSpeakTheScenariosTerms() {
    assertThat(failureOf("{no-event: Balances.Transfer, fields: {to: bob}}"))
        .isEqualTo(
            "expected no event Balances.Transfer {to: bob}, but block 2 emitted Transfer(from: alice, to: bob, amount: 10000000000)");
    assertThat(failureOf("{event: Balances.Transfer, fields: {from: bob}, to-block: 4}"))
        .isEqualTo("no Balances.Transfer {from: bob} in blocks 1..4 by block 4");
    assertThat(failureOf("{event: Balances.Transfer, fields: {from: bob}}"))
        .isEqualTo("no Balances.Transfer {from: bob} by the last block, 6");
    assertThat(failureOf("{storage: Balances.Account, key: bob, field: free, equals: 10 TOKEN}"))
        .isEqualTo(
            "expected Balances.Account[bob].free = 10 TOKEN at the end, found 11 TOKEN (110000000000 planck)");
    assertThat(failureOf("{balance: bob, reserved: 1, at-block: 3}"))
        .isEqualTo("expected reserved balance of bob = 1 after block 3, found 0 TOKEN (0 planck)");
    assertThat(failureOf("{storage: Session.Validators, equals: [bob]}"))
        .isEqualTo("expected Session.Validators = [bob] at the end, found [alice]");
  }

  @Test
  void anchorsAndMergeKeysShareValuesAndTheMapsOwnKeysWin() {
    Scenario s =
        read(
            HEAD
                + "x-sender: &sender {type: transfers, params: {peers: [bob], probability: 0.2}}\n"
                + "agents:\n"
                + "  - {<<: *sender, name: a}\n"
                + "  - {<<: *sender, name: b, params: {peers: [alice]}}\n");
    assertThat(s.agents())
        .extracting(Scenario.AgentSpec::name, Scenario.AgentSpec::params)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "a", java.util.Map.of("peers", List.of("bob"), "probability", 0.2)),
            org.assertj.core.groups.Tuple.tuple("b", java.util.Map.of("peers", List.of("alice"))));
    assertThatThrownBy(
            () ->
                read(
                    HEAD
                        + "x-sender: &sender {type: transfers, params: {peers: [bob], speed: 2}}\n"
                        + "agents:\n"
                        + "  - {<<: *sender, name: a}\n"))
        .hasMessageStartingWith(
            "t.yaml:4: agents[0].params.speed: agent type transfers has no parameter 'speed'");
  }

  @Test
  void omittedOptionalSectionsTakeTheirDefaults() {
    Scenario s = read(HEAD);
    assertThat(s.seed()).isEqualTo(ScenarioReader.DEFAULT_SEED);
    assertThat(s.runLength()).isEqualTo(5);
    assertThat(s.agents()).isEmpty();
    assertThat(s.steps()).isEmpty();
    assertThat(s.charts()).isEmpty();
    assertThat(s.metrics())
        .extracting(Scenario.MetricSpec::spec)
        .containsExactlyElementsOf(MetricCatalog.defaults());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // the document
        err("name: t\npreset: [frame\n", "t.yaml:3: not valid YAML"),
        err("", "t.yaml:1: the file is empty"),
        err("- a\n- b\n", "t.yaml:1: expected a map, got a list"),
        err(HEAD + "sesions: 3\n", "t.yaml:4: unknown key 'sesions' (did you mean 'sessions'?)"),
        err(HEAD + "name: u\n", "t.yaml:4: duplicate key 'name' (first given on line 1)"),
        err("preset: frame\nblocks: 5\n", "t.yaml:1: missing key 'name'"),
        err("name: a b\npreset: frame\nblocks: 5\n", "t.yaml:1: name: a scenario name is"),
        err(
            "name: t\npreset: fram\nblocks: 5\n",
            "t.yaml:2: preset: unknown preset 'fram' (did you mean 'frame'?)"),
        err(
            "name: t\npreset: frame\nblocks: 5\nsessions: 2\n",
            "t.yaml:4: sessions: needs exactly one run length, got both 'blocks' and 'sessions'"),
        err(
            "name: t\npreset: frame\n",
            "t.yaml:1: needs exactly one run length (one of: blocks, sessions)"),
        err(
            "name: t\npreset: frame\nblocks: 0\n",
            "t.yaml:3: blocks: expected a positive integer, got 0"),
        err(
            "name: t\npreset: frame\nblocks: many\n",
            "t.yaml:3: blocks: expected an integer, got \"many\""),
        err(HEAD + "seed: 1.5\n", "t.yaml:4: seed: expected an integer, got 1.5"),
        // overrides
        err(
            HEAD + "overrides:\n  runtme: {}\n",
            "t.yaml:5: overrides.runtme: preset frame has no section 'runtme' (did you mean 'runtime'?)"),
        err(
            HEAD + "overrides:\n  runtime:\n    session-length: 3\n",
            "t.yaml:6: overrides.runtime.session-length: runtime: unknown setting 'session-length'"),
        err(
            HEAD + "overrides:\n  runtime:\n    block-time-millis: 6000\n    session-period: x\n",
            "t.yaml:7: overrides.runtime.session-period: runtime.session-period must be long"),
        // genesis
        err(
            HEAD + "genesis:\n  balance: {alice: 5}\n",
            "t.yaml:5: genesis: unknown key 'balance' (did you mean 'balances'?)"),
        err(
            HEAD + "genesis:\n  balances:\n    alice: 5 TOKEN\n    bob: lots\n",
            "t.yaml:7: genesis.balances.bob: "),
        // agents
        err(
            HEAD + "agents:\n  - {name: a, type: transfer, params: {peers: [b]}}\n",
            "t.yaml:5: agents[0].type: unknown agent type 'transfer' (did you mean 'transfers'?)"),
        err(
            HEAD
                + "agents:\n  - name: a\n    type: transfers\n    params: {peers: [b], speed: 3}\n",
            "t.yaml:7: agents[0].params.speed: agent type transfers has no parameter 'speed'"),
        err(
            HEAD
                + "agents:\n  - name: a\n    type: transfers\n    params:\n      peers: [b]\n      probability: often\n",
            "t.yaml:9: agents[0].params.probability: agent a: parameter 'probability' must be a number"),
        err(
            HEAD
                + "agents:\n  - {name: a, type: transfers, params: {peers: [b]}}\n  - {name: a, type: transfers, params: {peers: [b]}}\n",
            "t.yaml:6: agents[1].name: two agents named 'a'"),
        err(
            HEAD + "agents:\n  - {name: a, type: transfers, colour: red}\n",
            "t.yaml:5: agents[0]: unknown key 'colour'"),
        // steps
        err(
            HEAD
                + "steps:\n  - {call: Balances.burn, origin: alice, args: {value: 1, keep-alive: true}}\n",
            "t.yaml:5: steps[0]: needs exactly one trigger (one of: at-block, at-session)"),
        err(
            HEAD + "steps:\n  - {at-block: 1, at-session: 1, restart: x}\n",
            "t.yaml:5: steps[0].at-session: needs exactly one trigger, got both 'at-block' and 'at-session'"),
        err(
            HEAD + "steps:\n  - {at-block: 1}\n",
            "t.yaml:5: steps[0]: needs exactly one action (one of: call, command, offline, online, restart)"),
        err(
            HEAD + "steps:\n  - {at-block: 1, offline: bob, online: bob}\n",
            "t.yaml:5: steps[0].online: needs exactly one action, got both 'offline' and 'online'"),
        err(
            HEAD + "steps:\n  - {at-block: 1, offline: bob, origin: alice}\n",
            "t.yaml:5: steps[0].origin: 'origin' goes with a 'call' step, not a 'offline' step"),
        err(
            HEAD + "steps:\n  - {at-block: 0, offline: bob}\n",
            "t.yaml:5: steps[0].at-block: blocks are numbered from 1, got 0"),
        err(
            HEAD + "steps:\n  - {at-block: 1, offline: 12}\n",
            "t.yaml:5: steps[0].offline: expected an account"),
        err(
            HEAD
                + "steps:\n  - {at-block: 1, call: Balances.transfer_keepalive, origin: alice, args: {}}\n",
            "t.yaml:5: steps[0].call: unknown call 'Balances.transfer_keepalive' (did you mean 'Balances.transfer_keep_alive'?)"),
        err(
            HEAD + "steps:\n  - {at-block: 1, call: Market.add_balance, origin: alice, args: {}}\n",
            "t.yaml:5: steps[0].call: the runtime of preset frame has no pallet 'Market' (calls are written Pallet.call_name) (known pallets: Aura, Balances, Session, System)"),
        err(
            HEAD
                + "steps:\n  - {at-block: 1, call: Balances.burn, origin: [alice], args: {value: 1, keep-alive: true}}\n",
            "t.yaml:5: steps[0].origin: expected an origin"),
        err(
            HEAD
                + "steps:\n  - {at-block: 1, call: Balances.burn, origin: 7, args: {value: 1, keep-alive: true}}\n",
            "t.yaml:5: steps[0].origin: expected an origin (a keyring name, 0x-hex account, root or none), got 7"),
        err(
            HEAD
                + "steps:\n  - at-block: 1\n    call: Balances.transfer_keep_alive\n    origin: alice\n    args: {dest: bob, value: lots}\n",
            "t.yaml:8: steps[0].args.value: expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"lots\""),
        err(
            HEAD
                + "steps:\n  - at-block: 1\n    call: Balances.transfer_keep_alive\n    origin: alice\n    args: {dest: bob}\n",
            "t.yaml:8: steps[0].args: missing argument 'value' of Balances.transfer_keep_alive (takes dest: AccountId, value: long)"),
        err(
            HEAD
                + "steps:\n  - at-block: 1\n    call: Balances.transfer_keep_alive\n    origin: alice\n    args:\n      dest: bob\n      value: 1\n      memo: hi\n",
            "t.yaml:11: steps[0].args.memo: unknown argument 'memo' of Balances.transfer_keep_alive"),
        err(
            HEAD + "steps:\n  - {at-block: 1, call: Balances.transfer_keep_alive, origin: alice}\n",
            "t.yaml:5: steps[0].call: Balances.transfer_keep_alive needs args: dest: AccountId, value: long"),
        err(
            HEAD
                + "steps:\n  - at-block: 1\n    call: Balances.burn\n    origin: alice\n    args: {value: 1, keep-alive: true}\n    expect-error: InsuficientBalance\n",
            "t.yaml:9: steps[0].expect-error: no pallet of this runtime has the error 'InsuficientBalance' (did you mean 'Balances::InsufficientBalance'?)"),
        err(
            HEAD + "steps:\n  - {at-block: 1, restart: nobody}\n",
            "t.yaml:5: steps[0].restart: no agent named 'nobody'"),
        err(
            HEAD
                + "steps:\n  - {at-block: 1, label: x, offline: bob}\n  - {at-block: 2, label: x, online: bob}\n",
            "t.yaml:6: steps[1].label: two steps labelled 'x'"),
        err(
            HEAD
                + "steps:\n  - {at-block: 1, call: Balances.burn, origin: alice, args: {value: 1, keep-alive: true}, expect-success: false}\n",
            "t.yaml:5: steps[0].expect-success: write expect-success: true, or leave it out"),
        // expectations
        err(
            HEAD + "expect:\n  - {fields: {}}\n",
            "t.yaml:5: expect[0]: needs exactly one kind of expectation (one of: balance, event, metric, no-event, storage)"),
        err(
            HEAD + "expect:\n  - {event: Balances.Transferred}\n",
            "t.yaml:5: expect[0].event: unknown event 'Balances.Transferred' (did you mean 'Balances.Transfer'?)"),
        err(
            HEAD + "expect:\n  - event: Balances.Transfer\n    fields: {sender: alice}\n",
            "t.yaml:6: expect[0].fields.sender: event Balances.Transfer has no field 'sender' (fields: from: AccountId, to: AccountId, amount: long)"),
        err(
            HEAD + "expect:\n  - event: Balances.Transfer\n    fields: {amount: much}\n",
            "t.yaml:6: expect[0].fields.amount: expected an amount"),
        err(
            HEAD + "expect:\n  - {event: Balances.Transfer, from-block: 9, to-block: 3}\n",
            "t.yaml:5: expect[0].to-block: to-block 3 is before from-block 9"),
        err(
            HEAD + "expect:\n  - {storage: Balances.Issuance, equals: 1}\n",
            "t.yaml:5: expect[0].storage: unknown storage item 'Balances.Issuance'"),
        err(
            HEAD + "expect:\n  - {storage: Balances.Account, equals: 1}\n",
            "t.yaml:5: expect[0]: missing key 'key'"),
        err(
            HEAD + "expect:\n  - {storage: Balances.TotalIssuance, key: alice, equals: 1}\n",
            "t.yaml:5: expect[0].key: Balances.TotalIssuance is a single value and takes no key"),
        err(
            HEAD + "expect:\n  - {storage: Balances.Account, key: alice, field: fre, equals: 1}\n",
            "t.yaml:5: expect[0].field: AccountData has no field 'fre'"),
        err(
            HEAD
                + "expect:\n  - {storage: Balances.Account, key: alice, field: free, equals: [1]}\n",
            "t.yaml:5: expect[0].equals: expected an amount"),
        err(
            HEAD + "expect:\n  - {balance: alice}\n",
            "t.yaml:5: expect[0]: needs exactly one balance kind (one of: free, reserved)"),
        err(
            HEAD + "expect:\n  - {metric: block.weight_us, median: {at-most: 1}}\n",
            "t.yaml:5: expect[0]: unknown key 'median'"),
        err(
            HEAD + "expect:\n  - {metric: block.weight_us, max: {at-mots: 1}}\n",
            "t.yaml:5: expect[0].max: unknown key 'at-mots' (did you mean 'at-most'?)"),
        err(
            HEAD
                + "metrics: [extrinsics]\nexpect:\n  - {metric: block.weight_us, max: {at-most: 1}}\n",
            "t.yaml:6: expect[0].metric: series block.weight_us is recorded by probe 'block-weight', which this scenario's metrics: do not list"),
        err(
            HEAD + "expect:\n  - {metric: block.weight_us, max: {at-most: lots}}\n",
            "t.yaml:5: expect[0].max.at-most: expected a number, got \"lots\""),
        // metrics and charts
        err(
            HEAD + "metrics: [block-weigth]\n",
            "t.yaml:4: metrics[0]: unknown metric probe 'block-weigth' (did you mean 'block-weight'?)"),
        err(
            HEAD + "metrics: [finalize-work]\n",
            "t.yaml:4: metrics[0]: probe finalize-work needs an argument: finalize-work(<pallet>)"),
        err(
            HEAD + "metrics: [finalize-work(Market)]\n",
            "t.yaml:4: metrics[0]: no pallet 'Market' in this runtime"),
        err(
            HEAD + "metrics: [extrinsics, extrinsics]\n",
            "t.yaml:4: metrics[1]: probe extrinsics is listed twice"),
        err(
            HEAD + "metrics: [extrinsics(x)]\n",
            "t.yaml:4: metrics[0]: probe extrinsics takes no argument"),
        err(HEAD + "charts:\n  - {series: [a]}\n", "t.yaml:5: charts[0]: missing key 'title'"),
        err(
            HEAD + "charts:\n  - {title: a, series: [a], counters: [b]}\n",
            "t.yaml:5: charts[0].counters: needs exactly one list of names to draw, got both 'series' and 'counters'"),
        err(
            HEAD
                + "charts:\n  - {title: A b, series: [block.*]}\n  - {title: a-b, series: [block.*]}\n",
            "t.yaml:6: charts[1].title: two charts would be written to chart-a-b.png"),
        // names of series and counters are resolved against the probes and agents declared
        err(
            HEAD + "expect:\n  - {metric: block.weigth_us, max: {at-most: 1}}\n",
            "t.yaml:5: expect[0].metric: no series block.weigth_us: nothing this scenario declares"
                + " (its metrics: probes and agents) records it (did you mean 'block.weight_us'?)"),
        err(
            HEAD + "expect:\n  - {metric: authored.alice, max: {at-most: 1}}\n",
            "t.yaml:5: expect[0].metric: authored.alice is a counter (a total over the run), not a"
                + " series"),
        err(
            HEAD + "charts:\n  - {title: a, series: [blok.*]}\n",
            "t.yaml:5: charts[0].series[0]: no series this scenario records matches 'blok.*' (did"
                + " you mean 'block.*'?)"),
        err(
            HEAD + "charts:\n  - {title: a, series: [authored.*]}\n",
            "t.yaml:5: charts[0].series[0]: 'authored.*' names counters, not series (draw them as a"
                + " bar chart with counters:)"),
        err(
            HEAD + "charts:\n  - {title: a, counters: [calls.*]}\n",
            "t.yaml:5: charts[0].counters[0]: no counter this scenario records matches 'calls.*'"),
        err(
            HEAD + "charts:\n  - {title: a, scatter: {x: power.*, y: block.*}}\n",
            "t.yaml:5: charts[0].scatter.x: series power.* is recorded by probe 'storage-power',"
                + " which this scenario's metrics: do not list"),
        err(
            HEAD
                + "agents:\n  - {name: a, type: transfers, params: {peers: [b]}}\n"
                + "expect:\n  - {metric: sp.a.active_deals, max: {at-most: 1}}\n",
            "t.yaml:7: expect[0].metric: no series sp.a.active_deals"),
        err(
            HEAD
                + "variants:\n  - {name: a}\n  - {name: b}\ncompare: [block.weight_us, weight.*]\n",
            "t.yaml:7: compare[1]: series weight.* is recorded by probe 'finalize-work', which this"
                + " scenario's metrics: do not list"),
        err(
            HEAD
                + "variants:\n  - {name: a}\n  - {name: b}\ncompare: [block.weight_us, blocks.*]\n",
            "t.yaml:7: compare[1]: no series this scenario records matches 'blocks.*' (did you mean"
                + " 'block.*'?)"),
        // numbers that do not fit say so
        err(
            HEAD + "genesis:\n  balances: {alice: 99999999999999999 TOKEN}\n",
            "t.yaml:5: genesis.balances.alice: 99999999999999999 TOKEN overflows a balance (max"
                + " 922337203.6854775807 TOKEN)"),
        err(
            HEAD + "genesis:\n  balances: {alice: 99999999999999999999}\n",
            "t.yaml:5: genesis.balances.alice: 99999999999999999999 overflows a balance (max"
                + " 9223372036854775807 planck = 922337203.6854775807 TOKEN)"),
        err(
            HEAD
                + "agents:\n  - {name: a, type: storage-provider, params: {capacity: 9999999 TIB}}\n",
            "t.yaml:5: agents[0].params.capacity: agent a: parameter 'capacity': 9999999 TIB"
                + " overflows a size (max 8388607.99 TIB)"),
        err(
            "name: t\npreset: frame\nblocks: 99999999999999999999\n",
            "t.yaml:3: blocks: 99999999999999999999 overflows a 64-bit integer (max"
                + " 9223372036854775807)"));
  }

  private static Arguments err(String text, String expected) {
    return Arguments.of(text, expected);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void everyErrorNamesTheFileAndLine(String text, String expected) {
    assertThatThrownBy(() -> read(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void theErrorCarriesItsPartsSeparately() {
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ScenarioException.class,
            () ->
                read(
                    HEAD
                        + "steps:\n  - at-block: 1\n    call: Balances.transfer_keep_alive\n    origin: alice\n    args: {dest: bob, value: lots}\n"));
    assertThat(List.of(e.file(), e.line(), e.path()))
        .containsExactly("t.yaml", 8, "steps[0].args.value");
    assertThat(e.detail())
        .isEqualTo("expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"lots\"");
  }
}
