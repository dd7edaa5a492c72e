import Metrics
import Testing

@testable import Pricing
@testable import ScenarioModel
@testable import Simulation
@testable import WhatIf

/// Lambda's CPU share: CPU-bound time scales with the CPU a memory size buys (one vCPU at
/// 1,769 MB, nothing more above it for a single-threaded handler); waiting does not.
@Suite struct LambdaMemoryTests {
  func lambda(memoryMB: Int, measuredAt: Int?, cpu: Double, arch: Scenario.Lambda.Architecture = .x86_64)
    -> Scenario.Lambda
  {
    var l = Scenario.Lambda()
    l.memoryMB = memoryMB
    l.measuredAtMemoryMB = measuredAt
    l.cpuBoundFraction = cpu
    l.architecture = arch
    return l
  }

  @Test func scalingFollowsTheClosedForm() {
    // Purely CPU-bound: twice the memory, half the time.
    #expect(lambda(memoryMB: 256, measuredAt: 128, cpu: 1).handlerTimeScale == 0.5)
    // Above one vCPU nothing is gained: 3,008 MB takes its 1,769 MB time.
    #expect(lambda(memoryMB: 3_008, measuredAt: 1_769, cpu: 1).handlerTimeScale == 1)
    // Pure waiting does not change.
    #expect(lambda(memoryMB: 1_024, measuredAt: 128, cpu: 0).handlerTimeScale == 1)
    // Measured where it runs: unchanged.
    #expect(lambda(memoryMB: 512, measuredAt: nil, cpu: 0.8).handlerTimeScale == 1)
    // Mixed: 20% waiting stays, 80% CPU at 128/1,769 of the time.
    let mixed = lambda(memoryMB: 1_769, measuredAt: 128, cpu: 0.8).handlerTimeScale
    #expect(abs(mixed - (0.2 + 0.8 * 128 / 1_769)) < 1e-15)
    // Fewer MB than measured: slower by the same ratio.
    #expect(lambda(memoryMB: 128, measuredAt: 512, cpu: 1).handlerTimeScale == 4)
    // An arm64 speed factor divides the CPU part when measured on x86_64.
    var arm = lambda(memoryMB: 128, measuredAt: nil, cpu: 1, arch: .arm64)
    arm.measuredOnArchitecture = .x86_64
    arm.arm64SpeedFactor = 1.25
    #expect(abs(arm.handlerTimeScale - 0.8) < 1e-15)
  }

  @Test func overridesOfMemoryScaleFromTheFilesOwnSize() throws {
    let file = #"{"lambda": {"memoryMB": 128, "cpuBoundFraction": 1}}"#
    let moved = try Scenario.load(json: file, overrides: ["lambda.memoryMB=256"])
    #expect(moved.lambda.measuredAtMemoryMB == 128 && moved.lambda.handlerTimeScale == 0.5)
    #expect(try Scenario.load(json: file).lambda.measuredAtMemoryMB == nil)
    // A file that reads only with its overrides still loads; it says nothing of where its
    // times were measured, so they are taken as measured where the function runs.
    let fixed = try Scenario.load(json: #"{"lambda": {"memoryMB": 64}}"#, overrides: ["lambda.memoryMB=512"])
    #expect(fixed.lambda.memoryMB == 512 && fixed.lambda.handlerTimeScale == 1)
  }

  @Test func aSimulationRunsTheScaledTimes() throws {
    // A 100 ms purely CPU-bound handler and a 300 ms CPU-bound init measured at 128 MB, run
    // at 256 MB: every invocation takes 50 ms, every init 150 ms (constant distributions, so
    // the histogram's 1% resolution is the only tolerance).
    let s = labScenario { s in
      s.workload.parts = .api
      s.workload.visitsPerSecond = 2
      s.durationSeconds = 600
      s.warmupSeconds = 0
      s.lambda.handlerMs = .constant(100)
      s.lambda.coldStartMs = .constant(300)
      s.lambda.cpuBoundFraction = 1
      s.lambda.initCpuBoundFraction = 1
      s.lambda.measuredAtMemoryMB = 128
      s.lambda.memoryMB = 256
      s.lambda.dynamodbCallsPerInvocation = 0
    }
    let r = simulate(s)
    let l = try #require(r.lambda)
    #expect(l.invocations > 1_000)
    let lambdaStage = try #require(r.latencyMs["lambda"])
    #expect(abs(lambdaStage.p50 - 50) / 50 < 0.01, "warm invocation \(lambdaStage.p50) ms, expected 50 ms")
    #expect(l.coldStarts > 0)
    let initMs = Double(l.billedInitMs) / Double(l.coldStarts)
    #expect(abs(initMs - 150) <= 1, "init \(initMs) ms, expected 150 ms")
  }
}
