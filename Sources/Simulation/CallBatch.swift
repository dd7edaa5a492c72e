import Pricing
import ScenarioModel

/// One turn of the site part: the calls it made, and where it stands after them.
struct CallBatch {
  var calls: [ApiCall]
  /// The site part's next event time after this turn (`Int64.max`: it has finished). Every
  /// call it makes later starts at or after it.
  var horizon: Int64
  /// The site part's counted visits and events so far, for progress.
  var visits: UInt64
  var events: UInt64
}
