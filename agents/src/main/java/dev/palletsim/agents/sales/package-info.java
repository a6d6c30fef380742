/**
 * Seed 003's sales module (nim-codex {@code codex/sales/}) on Filecoin's deal flow: one small type
 * per state of the sales state machine ({@link dev.palletsim.agents.sales.SalePreparing}, {@link
 * dev.palletsim.agents.sales.SaleSlotReserving}, {@link
 * dev.palletsim.agents.sales.SaleDownloading}, {@link
 * dev.palletsim.agents.sales.SaleInitialProving}, {@link dev.palletsim.agents.sales.SaleFilling},
 * {@link dev.palletsim.agents.sales.SaleFilled}, {@link dev.palletsim.agents.sales.SaleProving},
 * {@link dev.palletsim.agents.sales.SaleProvingSimulated}, {@link
 * dev.palletsim.agents.sales.SalePayout}, {@link dev.palletsim.agents.sales.SaleFinished}, {@link
 * dev.palletsim.agents.sales.SaleFailed}, {@link dev.palletsim.agents.sales.SaleCancelled}, {@link
 * dev.palletsim.agents.sales.SaleIgnored}, {@link dev.palletsim.agents.sales.SaleErrored}, {@link
 * dev.palletsim.agents.sales.SaleUnknown}), each with its entry action, its per-block action and
 * its reactions to what the chain tells ({@link dev.palletsim.agents.sales.SaleEvent}), named after
 * nim-codex's {@code states/*.nim}; {@link dev.palletsim.agents.sales.Sales} runs them (seed 003's
 * {@code Sales} and {@code SalesAgent}), {@link dev.palletsim.agents.sales.SalesContext} is what a
 * state acts with, {@link dev.palletsim.agents.sales.OpportunityQueue} the slot queue, {@link
 * dev.palletsim.agents.sales.Reservations} the availabilities and reservations, {@link
 * dev.palletsim.agents.sales.InvalidProofs} the simulated proof failures. A new state is a record
 * implementing {@link dev.palletsim.agents.sales.SaleState} (its sealed interface lists it) with
 * its phase for the metrics.
 *
 * <p>It imports the deal board ({@code dev.palletsim.agents.board}), the runtime and the engine,
 * never the agents that use it.
 */
package dev.palletsim.agents.sales;
