/// The DynamoDB table holding the visitor counter, as far as writes are concerned.
///
/// The counter is one item, so every write lands on one partition, which takes at most
/// `partitionWriteUnitsPerSecond` (1,000 WCU/s, DynamoDB developer guide). In provisioned mode
/// the table's write capacity is a second bucket that banks up to `burstSeconds` of unused
/// capacity. A write succeeds only when both allow it; each UpdateItem of an item under 1 KB
/// is one write unit.
struct DynamoTable {
  private var partition: TokenBucket
  private var provisioned: TokenBucket?

  init(_ config: Scenario.DynamoDB) {
    // One second's worth of the partition limit may arrive at once.
    partition = TokenBucket(
      ratePerSecond: config.partitionWriteUnitsPerSecond, capacity: max(1, config.partitionWriteUnitsPerSecond))
    if config.billingMode == .provisioned {
      provisioned = TokenBucket(
        ratePerSecond: config.writeCapacityUnits,
        capacity: max(1, config.writeCapacityUnits * max(1, config.burstSeconds)))
    }
  }

  /// True when a one-unit write at `now` is accepted (and consumes the capacity).
  @inline(__always)
  mutating func write(at now: Int64) -> Bool {
    guard partition.hasToken(at: now) else { return false }
    if provisioned != nil {
      guard provisioned!.take(at: now) else { return false }
    }
    return partition.take(at: now)
  }
}
