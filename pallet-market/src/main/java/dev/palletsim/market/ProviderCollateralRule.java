package dev.palletsim.market;

/** How the lowest provider collateral of a deal is computed. */
public enum ProviderCollateralRule {
  /** A fixed amount per GiB of piece ({@code minProviderCollateralPerGib}), rounded down. */
  PerGib,
  /**
   * builtin-actors' {@code deal_provider_collateral_bounds}: the piece's share of the network's
   * power times 1 % of the circulating supply, {@code floor(pieceSize × CS × num / (max(raw,
   * baseline, pieceSize) × denom))}, reading the circulating supply, raw byte power and baseline
   * power from {@code NetworkEconomics}.
   */
  NetworkShare
}
