/// The shell of a self-contained HTML report: inline CSS, no scripts, no external resources.
enum HTMLPage {
  static func wrap(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(SVG.escape(title))</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 920px; color: #111827; background: #ffffff; }
    h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
    p.meta { color: #4b5563; margin-top: 0; }
    table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
    th, td { padding: 3px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; } th:first-child, td:first-child { text-align: left; }
    td.left, th.left { text-align: left; }
    table.sweep { font-size: 11px; width: 100%; table-layout: fixed; } table.sweep th { vertical-align: bottom; padding: 3px 4px; font-weight: 600; overflow-wrap: anywhere; } table.sweep td { padding: 3px 4px; overflow-wrap: anywhere; }
    table.sweep tr.best { background: #ecfdf5; }
    .chart { display: block; margin: 10px 0; font-size: 11px; }
    .chart .title { font-size: 13px; font-weight: 600; fill: #111827; }
    .chart .plot { fill: #fafafa; stroke: #d1d5db; }
    .chart .grid { stroke: #e5e7eb; }
    .chart .tick, .chart .value, .chart .legend { fill: #374151; }
    .chart .axis { fill: #4b5563; font-size: 12px; }
    .note { background: #fffbeb; border-left: 3px solid #f59e0b; padding: 6px 10px; margin: 6px 0; font-size: 13px; }
    pre { font-size: 11px; background: #f9fafb; padding: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  static func table(header: [String], rows: [[String]], leftColumns: Set<Int> = [0]) -> String {
    var out =
      "<table><tr>"
      + header.enumerated().map {
        "<th\(leftColumns.contains($0.offset) ? " class=\"left\"" : "")>\(SVG.escape($0.element))</th>"
      }.joined() + "</tr>"
    for row in rows {
      out +=
        "<tr>"
        + row.enumerated().map {
          "<td\(leftColumns.contains($0.offset) ? " class=\"left\"" : "")>\(SVG.escape($0.element))</td>"
        }.joined() + "</tr>"
    }
    return out + "</table>"
  }
}
