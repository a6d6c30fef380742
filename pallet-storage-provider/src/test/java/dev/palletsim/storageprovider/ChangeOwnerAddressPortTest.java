package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.AccountsHarness.M;
import static dev.palletsim.storageprovider.AccountsHarness.OWNER;
import static dev.palletsim.storageprovider.AccountsHarness.WORKER;
import static dev.palletsim.storageprovider.AccountsHarness.actor;
import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeOwnerAddress;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/change_owner_address_test.rs} under {@link
 * StorageProviderConfig#filecoin()}, with the Rust harness's accounts ({@link AccountsHarness}).
 * {@code proposed_must_be_valid} (non-ID address protocols) has no counterpart: an account needs no
 * resolution; of {@code change_owner_address_restricted_correctly}, the unexported method numbers
 * have none either.
 */
class ChangeOwnerAddressPortTest {
  static final AccountId NEW_ADDRESS = actor(1001);
  static final AccountId OTHER_ADDRESS = actor(1002);

  static AccountsHarness setup() {
    return AccountsHarness.start(100, FilecoinHarness.BIG_BALANCE);
  }

  void refused(AccountsHarness h, AccountId caller, AccountId proposal, StorageProviderError e) {
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(caller), new ChangeOwnerAddress(M, proposal), e);
  }

  @Test
  void successfulChange() {
    AccountsHarness h = setup();
    // a beneficiary change proposed by the owner and never approved
    require(h.changeBeneficiary(OWNER, OTHER_ADDRESS, 100, 100, Option.none()));
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    // GetOwner: the owner and the proposed one
    assertThat(h.info().owner()).isEqualTo(OWNER);
    assertThat(h.info().pendingOwnerAddress()).contains(NEW_ADDRESS);
    require(h.changeOwnerAddress(NEW_ADDRESS, NEW_ADDRESS));
    MinerInfo info = h.info();
    assertThat(info.owner()).isEqualTo(NEW_ADDRESS);
    assertThat(info.beneficiary()).isEqualTo(NEW_ADDRESS);
    assertThat(info.pendingOwnerAddress()).isEmpty();
    // the owner change drops the pending beneficiary change
    assertThat(info.pendingBeneficiaryTerm()).isEmpty();
  }

  @Test
  void changeOwnerAddressRestrictedCorrectly() {
    AccountsHarness h = setup();
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    assertThat(h.info().owner()).isEqualTo(OWNER);
    assertThat(h.info().pendingOwnerAddress()).contains(NEW_ADDRESS);
    require(h.changeOwnerAddress(NEW_ADDRESS, NEW_ADDRESS));
    assertThat(h.info().owner()).isEqualTo(NEW_ADDRESS);
    assertThat(h.info().beneficiary()).isEqualTo(NEW_ADDRESS);
    assertThat(h.info().pendingOwnerAddress()).isEmpty();
  }

  @Test
  void successfulKeepBeneficiaryWhenChangeOwner() {
    AccountsHarness h = setup();
    require(h.changeBeneficiary(OWNER, OTHER_ADDRESS, 100, 100, Option.none()));
    require(h.changeBeneficiary(OTHER_ADDRESS, OTHER_ADDRESS, 100, 100, Option.none()));
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    require(h.changeOwnerAddress(NEW_ADDRESS, NEW_ADDRESS));
    MinerInfo info = h.info();
    assertThat(info.owner()).isEqualTo(NEW_ADDRESS);
    assertThat(info.beneficiary()).isEqualTo(OTHER_ADDRESS);
    assertThat(info.pendingOwnerAddress()).isEmpty();
  }

  @Test
  void withdrawProposal() {
    AccountsHarness h = setup();
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    // revert it
    require(h.changeOwnerAddress(OWNER, OWNER));
    assertThat(h.info().owner()).isEqualTo(OWNER);
    assertThat(h.info().pendingOwnerAddress()).isEmpty();
    // the new address cannot confirm
    refused(h, NEW_ADDRESS, NEW_ADDRESS, StorageProviderError.NotOwner);
  }

  @Test
  void onlyOwnerCanPropose() {
    AccountsHarness h = setup();
    refused(h, WORKER, NEW_ADDRESS, StorageProviderError.NotOwner);
    refused(h, OTHER_ADDRESS, NEW_ADDRESS, StorageProviderError.NotOwner);
  }

  @Test
  void onlyOwnerCanChangeProposal() {
    AccountsHarness h = setup();
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    refused(h, WORKER, OTHER_ADDRESS, StorageProviderError.NotProposedOwner);
    refused(h, OTHER_ADDRESS, OTHER_ADDRESS, StorageProviderError.NotProposedOwner);
    // the owner can change it
    require(h.changeOwnerAddress(OWNER, OTHER_ADDRESS));
    assertThat(h.info().owner()).isEqualTo(OWNER);
    assertThat(h.info().pendingOwnerAddress()).contains(OTHER_ADDRESS);
  }

  @Test
  void onlyNomineeCanConfirm() {
    AccountsHarness h = setup();
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    // the owner re-proposing the same address does not confirm it
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    assertThat(h.info().owner()).isEqualTo(OWNER);
    assertThat(h.info().pendingOwnerAddress()).contains(NEW_ADDRESS);
    refused(h, WORKER, OTHER_ADDRESS, StorageProviderError.NotProposedOwner);
    refused(h, OTHER_ADDRESS, OTHER_ADDRESS, StorageProviderError.NotProposedOwner);
    // the new address confirms itself
    require(h.changeOwnerAddress(NEW_ADDRESS, NEW_ADDRESS));
    assertThat(h.info().owner()).isEqualTo(NEW_ADDRESS);
    assertThat(h.info().pendingOwnerAddress()).isEmpty();
  }

  @Test
  void nomineeMustConfirmSelfExplicitly() {
    AccountsHarness h = setup();
    require(h.changeOwnerAddress(OWNER, NEW_ADDRESS));
    refused(h, NEW_ADDRESS, OWNER, StorageProviderError.OwnerConfirmationMismatch);
    refused(h, NEW_ADDRESS, OTHER_ADDRESS, StorageProviderError.OwnerConfirmationMismatch);
  }
}
