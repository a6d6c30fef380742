package dev.palletsim.frame;

/**
 * Why an extrinsic was refused before its call ran (Substrate's {@code InvalidTransaction}), the
 * kind of a {@link DispatchError.Invalid}. Only the variants palletsim produces are listed; a block
 * weight refusal keeps its own {@link DispatchError.Exhausted} (Substrate's {@code
 * ExhaustsResources}).
 */
public enum InvalidTransaction {
  /** The sender cannot pay the extrinsic's fee and tip and stay alive ({@code Payment}). */
  Payment
}
