// Linux epoll and timerfd, which Swift's Glibc module does not include.
#include <sys/epoll.h>
// The open model's timer: a timerfd in the epoll set wakes the loop for the next intended
// start; prctl sets the thread's timer slack so that the wake-up is on time.
#include <sys/timerfd.h>
#include <sys/prctl.h>
#include <netinet/tcp.h>

// prctl is variadic, which Swift cannot call: one fixed-argument wrapper.
static inline int visitorsim_set_timer_slack(unsigned long nanoseconds) {
  return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0);
}
