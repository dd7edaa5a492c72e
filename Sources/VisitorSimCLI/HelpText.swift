/// The text of `visitorsim help`.
enum HelpText {
  static let commands =
    "simulate, sweep, plan, live, merge, compare, predict, calibrate, validate, prices, bench, help, version"

  static let usage = """
    usage: visitorsim <command> [options]   (commands: \(commands); try visitorsim help)
    """

  static let full = """
    visitorsim: what happens to a serverless resume site under this traffic, and what it costs.

    Commands
      simulate [FILE]   run a scenario (the embedded baseline when FILE is omitted)
          --seed N              random seed (overrides the scenario's)
          --set PATH=VALUE      override one scenario field, repeatable:
                                --set lambda.reservedConcurrency=20
                                --set 'lambda.handlerMs={"dist":"exponential","mean":1990}'
          --replications N      run N independent seeds in parallel (seed, seed+1, ...), merge them
                                and give headline figures 95% confidence intervals
          --segments N          simulate the window as N consecutive parts in parallel (one long
                                run on N cores; each part has its own warm-up)
          --format text|json|html   report format (default text); html writes one self-contained
                                page with charts to Reports/NAME-seedN.html unless --output is given
          --output PATH         write the report to PATH instead of stdout
          --quiet               no progress line (it is shown only on a terminal anyway)
      sweep [FILE] --vary PATH=v1,v2,...   run every combination of values (repeat --vary for a
                        cartesian product) and tabulate latency, cold starts, errors and cost.
                        Ranges: 10..50/5 (evenly spaced), and for load, a multiplier on the
                        arrival rate, 1x..1000x (log-spaced, two per decade; /N for N points).
                        --slo 'counterApi.p99<=300ms' (repeatable) judges every point and marks
                        the cheapest one meeting every objective (e.g. --vary lambda.memoryMB=...).
                        Accepts --set, --seed, --replications, --format text|json|csv|html, --output
      plan [FILE] --slo 'counterApi.p99<=800ms' [--slo 'errors.rate<=0.001' ...]
                        the largest multiplier of the traffic that meets every objective
                        (bracketing, then bisection; --replications N per load, default 3),
                        what breaks first, and the bill at that load. Exit 2 if 1x fails.
      live --site URL [--asset PATH]... --api URL   real requests at a deployed site (see README):
                        open model (--rate 50/s --duration 1m, or --stage 1m:10/s ...; --poisson)
                        or a scenario's arrivals, spikes included (--scenario FILE [--time-scale K]: the
                        same rates, K times faster), or closed model (--users N --think 1s
                        --duration 1m); --only site|api;
                        --method, --header, --body, --cors-preflight, --cold-header NAME; --connections N, --loops N,
                        --timeout 10s, --connect-timeout, --tls-timeout, --cacert FILE, --insecure,
                        --dns-refresh 60s (re-resolve names during the run; 0: only at the start);
                        --transport urlsession (HTTP/2 where URLSession negotiates it; slower);
                        --threshold 'counterApi.p99<=800ms' (exit 2 when missed), --abort-on
                        'errors.rate>0.2'; --max-rate (default 2000/s), --max-requests, --yes
                        (required above 10 visits/s off this machine); --shard i/N; --format, --output;
                        --predict SCENARIO (or baseline): simulate what the run did and compare;
                        --calibrate FILE [--cold-split MS]: fit the scenario (--predict's, else
                        --scenario's, else the baseline) to what was measured and write it to FILE
      merge A.json B.json ...   merge live shards' (or any) reports exactly
      compare MEASURED.json PREDICTED.json [--format text|json]   a live run against a
                        simulation, figure by figure
      predict LIVE.json [SCENARIO] [--seed N] [--replications N] [--format text|json|html]
                        simulate exactly what a live run did (its intended visit starts, parts and
                        assets, the load generator's network, nothing warm at the start) with the
                        scenario's model; compare the result with the live report
      calibrate LIVE.json [SCENARIO] [--cold-split MS] [--output FILE]   fit the scenario's handler,
                        cold start, edge and origin latencies to a live run's report (README:
                        Calibration); the calibrated scenario goes to FILE or stdout
      validate FILE     check a scenario without running it (accepts --set)
      prices [FILE]     print the price table in use: the built-in us-east-1 table, or the
                        scenario's pricing.file and pricing.overrides (or --file PRICING.json)
      bench [--quick]   simulator speed: a 100-million-visit month on one core and on all cores,
                        and SimFaaS's Lambda-only case (use a release build)
      help              this text
      version           the version

    Exit codes
      0 success, 1 run failure, 2 thresholds or objectives missed, 64 usage error (or a live target
      refused for safety),
      65 bad input data (one line naming the JSON path and value), 66 input file unreadable,
      73 output not writable, 130 interrupted

    """
}
