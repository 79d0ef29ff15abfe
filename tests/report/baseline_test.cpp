// What a run with --baseline prints about the baseline: the fixed entries in text (escaped for a
// terminal) and in JSON.
#include <doctest/doctest.h>

#include "report/baseline.hpp"

using namespace boundaudit;
using namespace boundaudit::report;

namespace {

BaselineEntry entry(std::string rule, std::string path, std::string anchor, std::string text, std::string message = "") {
  return BaselineEntry{BaselineKey{std::move(rule), std::move(path), std::move(anchor), std::move(text)}, std::move(message)};
}

}  // namespace

TEST_CASE("text: nothing when every entry matches, else a header and one line per fixed entry") {
  BaselineOutcome none;
  none.matched = 4;
  CHECK(baseline_summary_text("loopaudit", "b.json", none) == "");

  BaselineOutcome one;
  one.fixed = {entry("LA101", "src/a.py", "Worker.spin", "while True:")};
  CHECK(baseline_summary_text("loopaudit", "b.json", one) ==
        "loopaudit: b.json: 1 baseline entry no longer matches (fixed); --write-baseline drops it\n"
        "  LA101 src/a.py in `Worker.spin`: while True:\n");

  BaselineOutcome two;
  two.fixed = {entry("CL006", "compose.yaml", "", ""), entry("CL001", "x\ny.yaml", "api\x1b[31m", "api:")};
  CHECK(baseline_summary_text("composelint", "base\nline.json", two) ==
        "composelint: base\\nline.json: 2 baseline entries no longer match (fixed); --write-baseline drops them\n"
        "  CL006 compose.yaml\n"
        "  CL001 x\\ny.yaml in `api\\x1b[31m`: api:\n");
}

TEST_CASE("json: the path, how many findings the baseline hid, the fixed entries with every field") {
  BaselineOutcome out;
  out.matched = 3;
  out.fixed = {entry("LA102", "a.py", "f", "while not done:", "polls `done`")};
  auto j = baseline_summary_json("b\xff.json", out);
  CHECK(j.dump() ==
        "{\"fixed\":[{\"anchor\":\"f\",\"message\":\"polls `done`\",\"path\":\"a.py\",\"rule\":\"LA102\",\"text\":"
        "\"while not done:\"}],\"matched\":3,\"path\":\"b\\\\xff.json\"}");
  CHECK(baseline_summary_json("b.json", BaselineOutcome{})["fixed"].is_array());
}
