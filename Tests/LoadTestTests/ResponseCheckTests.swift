import Foundation
import Testing

@testable import LoadTest

/// `--check` expressions: how they read, and how they judge a response.
@Suite struct ResponseCheckTests {
  func check(_ text: String) throws -> ResponseCheck { try ResponseCheck(parsing: text) }
  func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  @Test func expressionsRead() throws {
    let a = try check("page.status==200")
    #expect(a.stage == "page" && a.subject == .status && a.op == .equal && a.value == .number(200))
    let b = try check(#"counterApi.body contains "count""#)
    #expect(b.subject == .body && b.op == .contains && b.value == .string("count"))
    let c = try check("counterApi.json.items[1].id >= 2")
    #expect(c.subject == .json(path: ["items", "1", "id"]) && c.op == .atLeast && c.value == .number(2))
    let d = try check("asset.json.ok != true")
    #expect(d.op == .notEqual && d.value == .bool(true))
    #expect(try check("counterApi.json.name==bob").value == .string("bob"))
    #expect(try check("counterApi.json == null").subject == .json(path: []))
    #expect(!a.needsBody && b.needsBody && c.needsBody)
  }

  @Test func responsesAreJudged() throws {
    #expect(try check("page.status==200").failure(status: 200, body: nil) == nil)
    #expect(try check("page.status<400").failure(status: 503, body: nil) == "got status 503")
    let json = bytes(#"{"count": 7, "ok": true, "name": "x", "items": [{"id": 1}, {"id": "2"}], "none": null}"#)
    for passing in [
      "counterApi.json.count>0", "counterApi.json.count==7", "counterApi.json.ok==true", #"counterApi.json.name=="x""#,
      "counterApi.json.items.0.id<=1", "counterApi.json.items[1].id==2", "counterApi.json.none==null",
      #"counterApi.body contains "\"count\": 7""#, #"counterApi.json.name contains "x""#,
    ] {
      #expect(try check(passing).failure(status: 200, body: json) == nil, "\(passing)")
    }
    #expect(try check("counterApi.json.count>7").failure(status: 200, body: json) == "got 7")
    #expect(try check("counterApi.json.ok==false").failure(status: 200, body: json) == "got true")
    #expect(try check("counterApi.json.missing==1").failure(status: 200, body: json) == "no missing in the JSON body")
    #expect(try check("counterApi.json.items.5==1").failure(status: 200, body: json) == "no 5 in the JSON body")
    #expect(
      try check("counterApi.json.count>0").failure(status: 200, body: bytes("<html>oops</html>"))
        == "the body is not JSON: <html>oops</html>")
    // A 1 is a number, not true: JSON's booleans are told apart from numbers.
    #expect(try check("counterApi.json.n==true").failure(status: 200, body: bytes(#"{"n": 1}"#)) == "got 1")
  }
}
