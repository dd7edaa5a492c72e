import CEpoll
import Glibc

/// One event loop's epoll set, and a timerfd in it that wakes the loop at a given monotonic
/// time (the open model's next intended start).
package final class Poller {
  /// The id that `wait` reports for the timer.
  package static let timerId = UInt64.max

  let epoll: Int32
  let timer: Int32
  private var timerArmedAt: Int64 = -1
  private var events: [epoll_event]

  package init(capacity: Int = 256) {
    epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    timer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
    events = [epoll_event](repeating: epoll_event(), count: capacity)
    if timer >= 0 {
      var ev = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: Self.timerId))
      epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &ev)
    }
  }

  deinit {
    if timer >= 0 { Glibc.close(timer) }
    Glibc.close(epoll)
  }

  /// Whether the timer exists (else waits fall back to whole milliseconds).
  package var hasTimer: Bool { timer >= 0 }

  package func add(_ fd: Int32, id: Int, events: UInt32) {
    var ev = epoll_event(events: events, data: epoll_data_t(u64: UInt64(id)))
    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev)
  }

  package func modify(_ fd: Int32, id: Int, events: UInt32) {
    var ev = epoll_event(events: events, data: epoll_data_t(u64: UInt64(id)))
    epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &ev)
  }

  package func remove(_ fd: Int32) { _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil) }

  /// Arms the timer for `monotonicNanoseconds` (CLOCK_MONOTONIC), unless already armed there.
  package func wake(at monotonicNanoseconds: Int64) {
    guard hasTimer, monotonicNanoseconds != timerArmedAt else { return }
    var spec = itimerspec()
    spec.it_value.tv_sec = Int(monotonicNanoseconds / 1_000_000_000)
    spec.it_value.tv_nsec = Int(monotonicNanoseconds % 1_000_000_000)
    timerfd_settime(timer, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    timerArmedAt = monotonicNanoseconds
  }

  /// Waits up to `milliseconds` and calls `body` with each ready socket's id and events (the
  /// timer's firing is consumed here, not reported).
  package func wait(milliseconds: Int32, _ body: (Int, UInt32) -> Void) {
    let n = epoll_wait(epoll, &events, Int32(events.count), milliseconds)
    guard n > 0 else { return }
    for i in 0..<Int(n) {
      if events[i].data.u64 == Self.timerId {
        var expirations: UInt64 = 0
        _ = Glibc.read(timer, &expirations, 8)
        continue
      }
      body(Int(events[i].data.u64), events[i].events)
    }
  }

  /// The monotonic clock, in nanoseconds.
  package static func now() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  /// Timers on the calling thread fire within `nanoseconds` of their time (Linux's default
  /// slack is 50 us).
  package static func setTimerSlack(_ nanoseconds: UInt) { _ = visitorsim_set_timer_slack(nanoseconds) }
}
