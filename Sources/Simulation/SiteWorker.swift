import Pricing
import ScenarioModel

/// The site part while it runs on its own thread.
final class SiteWorker: @unchecked Sendable {
  // @unchecked: only the worker thread touches `site` until it signals that it has finished;
  // the caller reads it back only after that.
  var site: SitePart
  init(_ site: SitePart) { self.site = site }
}
