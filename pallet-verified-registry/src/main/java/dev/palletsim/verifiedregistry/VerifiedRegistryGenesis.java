package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * The verified registry at genesis: verifiers with their allowances and clients with DataCap
 * (builtin-actors' genesis verifiers and pre-granted clients), each in bytes.
 *
 * @param verifiers verifier → DataCap it may grant
 * @param dataCap client → DataCap it holds
 */
public record VerifiedRegistryGenesis(
    Map<AccountId, Long> verifiers, Map<AccountId, Long> dataCap) {
  /** Null-checked. */
  public VerifiedRegistryGenesis {
    Objects.requireNonNull(verifiers, "verifiers");
    Objects.requireNonNull(dataCap, "dataCap");
  }

  /** No verifiers, no DataCap. */
  public static VerifiedRegistryGenesis empty() {
    return new VerifiedRegistryGenesis(LinkedHashMap.empty(), LinkedHashMap.empty());
  }

  /** This genesis with {@code verifier} allowed {@code allowance}. */
  public VerifiedRegistryGenesis withVerifier(AccountId verifier, long allowance) {
    return new VerifiedRegistryGenesis(verifiers.put(verifier, allowance), dataCap);
  }

  /** This genesis with {@code client} holding {@code amount} of DataCap. */
  public VerifiedRegistryGenesis withDataCap(AccountId client, long amount) {
    return new VerifiedRegistryGenesis(verifiers, dataCap.put(client, amount));
  }
}
