package dev.palletsim.storageprovider;

/**
 * A partition's key under its provider: deadline index, then partition index.
 *
 * @param deadline the deadline index
 * @param partition the partition index
 */
public record PartitionKey(int deadline, int partition) implements Comparable<PartitionKey> {
  @Override
  public int compareTo(PartitionKey o) {
    int c = Integer.compare(deadline, o.deadline);
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }
}
