package dev.palletsim.examples;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionGenesis;
import io.vavr.collection.List;
import java.util.Random;

/**
 * The palletsim command-line entry point. {@code quickstart} runs a small seeded network: three
 * authorities produce blocks round-robin over several sessions while accounts transfer funds, then
 * prints a summary. Every run with the same seed prints the same final state hash.
 */
public final class Main {
  private Main() {}

  /** Runs the command named by the first argument. */
  public static void main(String[] args) {
    String command = args.length == 0 ? "quickstart" : args[0];
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    if (!command.equals("quickstart")) {
      System.err.println("usage: palletsim quickstart [seed]");
      System.exit(2);
    }
    System.out.print(quickstart(seed));
  }

  /** Runs the quickstart simulation and returns its report. */
  public static String quickstart(long seed) {
    List<AccountId> accounts =
        List.of("alice", "bob", "charlie", "dave", "eve", "ferdie").map(Keyring::account);
    Runtime runtime =
        Runtime.builder().config(RuntimeConfig.builder().sessionPeriod(20).build()).build();
    Chain chain =
        runtime.start(
            Genesis.builder()
                .seed(seed)
                .balances(accounts, 1_000 * Units.TOKEN)
                .config(new SessionGenesis(accounts.take(3)))
                .build());
    Random rng = new Random(seed);
    int transfers = 0;
    int failed = 0;
    java.util.Map<String, Integer> authored = new java.util.TreeMap<>();
    while (chain.sessionIndex() < 5) {
      for (int i = 0; i < 3; i++) {
        AccountId from = accounts.get(rng.nextInt(accounts.size()));
        AccountId to = accounts.get(rng.nextInt(accounts.size()));
        long amount = (1 + rng.nextInt(50)) * Units.TOKEN;
        var outcome = chain.dispatch(from, new BalancesCall.TransferKeepAlive(to, amount));
        transfers++;
        if (!outcome.isSuccess()) failed++;
      }
      BlockRecord r = chain.nextBlock();
      r.author().forEach(a -> authored.merge(Keyring.nameOf(a), 1, Integer::sum));
    }
    StringBuilder out = new StringBuilder();
    out.append("palletsim quickstart (seed ").append(seed).append(")\n");
    out.append("  blocks produced   ").append(chain.lastBlock().number()).append('\n');
    out.append("  sessions          ").append(chain.sessionIndex()).append('\n');
    out.append("  transfers         ")
        .append(transfers)
        .append(" (")
        .append(failed)
        .append(" failed)\n");
    out.append("  blocks authored   ").append(authored).append('\n');
    out.append("  total issuance    ")
        .append(runtime.balances().totalIssuance(chain.world()) / Units.TOKEN)
        .append(" tokens\n");
    out.append("  state hash        ").append(chain.world().stateHashHex()).append('\n');
    return out.toString();
  }
}
