import Pricing
import ScenarioModel

/// A counter API call handed from the site part to the API part: the page's script starts it
/// at `at` (the page is rendered; for API-only workloads, the visit arrives).
struct ApiCall: Sendable {
  var at: Int64
  var counted: Bool
}
