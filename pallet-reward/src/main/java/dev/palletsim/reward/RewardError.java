package dev.palletsim.reward;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/** Errors of the reward pallet (FRAME's {@code #[pallet::error]}). */
public enum RewardError implements PalletError.Of<RewardPallet> {
  /** A reward for zero (or fewer) wins ({@code AwardBlockReward}'s invalid win count). */
  InvalidWinCount,
  /** The pallet has no state: the runtime was built without its genesis. */
  NotInitialised;

  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case InvalidWinCount -> ExitCode.USR_ILLEGAL_ARGUMENT;
      case NotInitialised -> ExitCode.USR_ILLEGAL_STATE;
    };
  }
}
