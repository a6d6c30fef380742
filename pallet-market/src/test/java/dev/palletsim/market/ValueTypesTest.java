package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.primitives.DealIds;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** {@link Signature} and {@link DealIds}: content equality, immutability, deterministic hashes. */
class ValueTypesTest {

  @Test
  void signaturesCompareAndHashByContent() {
    byte[] bytes = {1, 2, 3};
    Signature a = Signature.of(bytes);
    Signature b = Signature.of(new byte[] {1, 2, 3});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.stateHash()).isEqualTo(b.stateHash());
    assertThat(StateHasher.hash(new ClientDealProposal(null, a)))
        .isEqualTo(StateHasher.hash(new ClientDealProposal(null, b)));
    assertThat(a).isNotEqualTo(Signature.of(new byte[] {1, 2, 4}));
    assertThat(a.length()).isEqualTo(3);
    assertThat(a.toString()).contains("010203").contains("3 B");
  }

  @Test
  void aSignatureCannotBeChangedThroughItsBytes() {
    byte[] bytes = {1, 2, 3};
    Signature s = Signature.of(bytes);
    bytes[0] = 9;
    s.toBytes()[1] = 9;
    assertThat(s.toBytes()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> Signature.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dealIdsAreSortedAndUnique() {
    DealIds ids = DealIds.of(5, 1, 3, 1, 5);
    assertThat(ids.toVector()).containsExactly(1L, 3L, 5L);
    assertThat(ids.size()).isEqualTo(3);
    assertThat(ids.get(0)).isEqualTo(1);
    assertThat(DealIds.of(List.of(3L, 1L))).isEqualTo(DealIds.of(1, 3));
    assertThat(DealIds.empty().isEmpty()).isTrue();
  }

  @Test
  void dealIdsAddRemoveAndUniteWithoutChangingTheOriginal() {
    DealIds ids = DealIds.of(2, 4);
    assertThat(ids.with(3).toVector()).containsExactly(2L, 3L, 4L);
    assertThat(ids.with(4)).isSameAs(ids);
    assertThat(ids.without(2).toVector()).containsExactly(4L);
    assertThat(ids.without(7)).isSameAs(ids);
    assertThat(ids.union(DealIds.of(1, 4, 9)).toVector()).containsExactly(1L, 2L, 4L, 9L);
    assertThat(ids.toVector()).containsExactly(2L, 4L);
    assertThat(ids.contains(4)).isTrue();
    assertThat(ids.contains(3)).isFalse();
  }

  @Test
  void equalDealIdSetsHashAlike() {
    DealIds a = DealIds.of(1, 2, 3);
    DealIds b = DealIds.empty().with(3).with(1).with(2);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.stateHash()).isEqualTo(b.stateHash()).isNotEqualTo(DealIds.of(1, 2).stateHash());
  }

  @Test
  void dealStateTransitionsKeepTheOtherFields() {
    DealState s = DealState.activated(4, 10);
    assertThat(s).isEqualTo(new DealState(4, 10, -1, -1, false));
    assertThat(s.settledAt(20)).isEqualTo(new DealState(4, 10, 20, -1, false));
    assertThat(s.slashedAt(30).isSlashed()).isTrue();
    assertThat(s.managedByCron().cronManaged()).isTrue();
    assertThat(s.isSlashed()).isFalse();
  }
}
