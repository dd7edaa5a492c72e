import Pricing
import ScenarioModel

/// The DynamoDB table holding the visitor counter, as far as writes are concerned.
///
/// The counter is one item, so every write lands on one partition, which takes at most
/// `partitionWriteUnitsPerSecond` (1,000 WCU/s, DynamoDB developer guide). In provisioned mode
/// the table's write capacity is a second bucket that banks up to `burstSeconds` of unused
/// capacity. A write succeeds only when both allow it; each UpdateItem takes one write unit
/// per started KB of the item.
struct DynamoTable {
  private var partition: TokenBucket
  private var provisioned: TokenBucket?
  let unitsPerWrite: Double

  init(_ config: Scenario.DynamoDB) {
    unitsPerWrite = Double(config.writeUnitsPerWrite)
    // One second's worth of the partition limit may arrive at once.
    partition = TokenBucket(
      ratePerSecond: config.partitionWriteUnitsPerSecond,
      capacity: max(unitsPerWrite, config.partitionWriteUnitsPerSecond))
    if config.billingMode == .provisioned {
      provisioned = TokenBucket(
        ratePerSecond: config.writeCapacityUnits,
        capacity: max(unitsPerWrite, config.writeCapacityUnits * max(1, config.burstSeconds)))
    }
  }

  /// True when a write at `now` is accepted (and consumes the capacity).
  @inline(__always)
  mutating func write(at now: Int64) -> Bool {
    guard partition.hasTokens(unitsPerWrite, at: now) else { return false }
    if provisioned != nil {
      guard provisioned!.take(unitsPerWrite, at: now) else { return false }
    }
    return partition.take(unitsPerWrite, at: now)
  }
}
