import Metrics
import Pricing
import ScenarioModel
import SimKernel
import Simulation
import WhatIf

/// A scenario for closed-form checks: every latency constant and small, so that delays before
/// a component are identical for every visit (a Poisson process stays Poisson), no free
/// capacity limit interferes, and only what a test sets varies.
func labScenario(_ configure: (inout Scenario) -> Void) -> Scenario {
  var s = Scenario()
  s.name = "lab"
  s.seed = 7
  s.warmupSeconds = 60
  s.durationSeconds = 3_600
  s.workload.diurnal = nil
  s.workload.returningVisitorFraction = 0
  s.network.rttMs = .constant(10)
  s.dns.cachedMs = .constant(1)
  s.dns.lookupMs = .constant(1)
  s.cdn.edgeMs = .constant(1)
  s.s3.originMs = .constant(0)
  s.apiGateway.overheadMs = .constant(1)
  s.lambda.handlerMs = .constant(5)
  s.lambda.coldStartMs = .constant(0)
  s.dynamodb.updateItemMs = .constant(5)
  configure(&s)
  return s
}

func simulate(_ s: Scenario) -> RunReport {
  var sim = VisitorSimulation(s)
  return sim.run()
}

/// Erlang B blocking probability for `servers` servers and offered load `a` erlangs.
func erlangB(servers: Int, load a: Double) -> Double {
  var b = 1.0
  if servers > 0 {
    for n in 1...servers { b = a * b / (Double(n) + a * b) }
  }
  return b
}
