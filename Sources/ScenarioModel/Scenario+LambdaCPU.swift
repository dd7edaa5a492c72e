extension Scenario.Lambda {
  /// The memory size that buys one whole vCPU: Lambda allocates CPU in proportion to memory
  /// (AWS Lambda developer guide, "Configure Lambda function memory").
  public static let fullVCPUMemoryMB = 1_769.0

  /// CPU speed at a memory size and architecture, relative to one x86_64 vCPU. A
  /// single-threaded handler gains nothing above one vCPU, so the share stops at 1.
  public func cpuSpeed(memoryMB: Int, architecture: Architecture) -> Double {
    min(Double(memoryMB), Self.fullVCPUMemoryMB) / Self.fullVCPUMemoryMB
      * (architecture == .arm64 ? arm64SpeedFactor : 1)
  }

  /// The factor on a duration measured at `measuredAtMemoryMB` on `measuredOnArchitecture`
  /// when the function runs at `memoryMB` on `architecture`: the CPU-bound share
  /// `cpuFraction` scales with the ratio of CPU speeds, the rest is unchanged.
  public func timeScale(cpuFraction: Double) -> Double {
    let measured = cpuSpeed(
      memoryMB: measuredAtMemoryMB ?? memoryMB, architecture: measuredOnArchitecture ?? architecture)
    let now = cpuSpeed(memoryMB: memoryMB, architecture: architecture)
    return (1 - cpuFraction) + cpuFraction * measured / now
  }

  /// The file's latencies were measured at the file's memory size and architecture: when an
  /// override (`--set`, `--vary`) changes either, the times scale from what the file said.
  mutating func keepMeasuredAt(_ document: Scenario.Lambda) {
    if measuredAtMemoryMB == nil && memoryMB != document.memoryMB {
      measuredAtMemoryMB = document.measuredAtMemoryMB ?? document.memoryMB
    }
    if measuredOnArchitecture == nil && architecture != document.architecture {
      measuredOnArchitecture = document.measuredOnArchitecture ?? document.architecture
    }
  }

  /// The factor on `handlerMs` at this memory size and architecture.
  public var handlerTimeScale: Double { timeScale(cpuFraction: cpuBoundFraction) }

  /// The factor on `coldStartMs` at this memory size and architecture.
  public var initTimeScale: Double { timeScale(cpuFraction: initCpuBoundFraction) }
}
