// Control characters in file names, service names and messages cannot forge output: in every human
// format (text, markdown, GitHub workflow commands) they show as visible escapes, so each output line
// starts with the tool's own prefix and no terminal escape reaches the reader. The github format keeps
// its own %0A / %0D / %25 escaping of line breaks.
#include <doctest/doctest.h>

#include <sstream>

#include "compose/audit.hpp"
#include "core/utf8.hpp"
#include "docs/print_outcome.hpp"
#include "report/compose_markdown.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"
#include "report/report.hpp"

using namespace boundaudit;

namespace {

// A file named so that a raw newline would start a GitHub workflow command of its own.
const std::string kEvilPath = "a\n::error file=x::owned.py";
const std::string kShownPath = "a\\n::error file=x::owned.py";
const std::string kEvilMessage = "limit \x1b[2J\x1b]0;title\x07 \r::warning::forged \xC2\x9B" "31m";
const std::string kShownMessage = "limit \\x1b[2J\\x1b]0;title\\x07 \\r::warning::forged \\u009b31m";

Finding finding() {
  return Finding{"CL002", Severity::error, Site{kEvilPath, 3, 5, 3, 9}, kEvilMessage, "w\neb", {"note \x1b[0m"}, ""};
}
InputError error() { return InputError{kEvilPath, 2, "cannot read\n::error::forged"}; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// No control character but tab and the line ends, and no line that starts like a workflow command
// unless the format is github (then every line must be one of ours).
void check_clean(const std::string& out, bool github) {
  CAPTURE(out);
  CHECK_FALSE(out.empty());
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20 || c == '\n' || c == '\t'));
    CHECK(u != 0x7F);
  }
  CHECK(out.find("\xC2\x9B") == std::string::npos);
  for (const auto& line : lines_of(out)) {
    CAPTURE(line);
    if (github)
      CHECK((line.starts_with("::error file=") || line.starts_with("::warning file=") ||
             line.starts_with("::notice file=")));
    else
      CHECK_FALSE(line.starts_with("::"));
  }
}

}  // namespace

TEST_CASE("display_text escapes controls visibly and leaves other text alone") {
  CHECK(display_text("plain \xC3\xA9 text\twith tab") == "plain \xC3\xA9 text\twith tab");
  CHECK(display_text("a\nb\rc") == "a\\nb\\rc");
  CHECK(display_text("a\nb\rc", InvalidBytes::replace, LineBreaks::keep) == "a\nb\rc");
  CHECK(display_text("\x1b[31m\x7f\x01") == "\\x1b[31m\\x7f\\x01");
  CHECK(display_text(std::string("nul\0!", 5)) == "nul\\x00!");
  CHECK(display_text("\xC2\x85\xC2\x9B\xC2\xA0") == "\\u0085\\u009b\xC2\xA0");  // C1 escaped, NBSP kept
  CHECK(display_name("caf\xE9\n.py") == "caf\\xe9\\n.py");
}

TEST_CASE("text: a newline or escape in a file name or message cannot start a line") {
  std::vector<Finding> findings{finding()};
  std::vector<InputError> errors{error()};
  std::ostringstream out;
  report::TextOptions options;
  options.show_source = true;
  options.lines = [](const std::string&, int) -> std::string_view { return "  mem_limit: \x1b[1m1g"; };
  report::write_text(out, findings, errors, options);
  check_clean(out.str(), false);
  CHECK(out.str().find(kShownPath + ":3:5: error[CL002] " + kShownMessage + "\n") != std::string::npos);
  CHECK(out.str().find(kShownPath + ":2: error: cannot read\\n::error::forged\n") != std::string::npos);
  CHECK(out.str().find("  note: note \\x1b[0m\n") != std::string::npos);
  CHECK(out.str().find("mem_limit: \\x1b[1m1g") != std::string::npos);
}

TEST_CASE("github: line breaks stay %0A / %0D, other controls are escaped, one command per line") {
  std::vector<Finding> findings{finding()};
  std::vector<InputError> errors{error()};
  std::ostringstream out;
  report::write_github(out, findings, errors);
  check_clean(out.str(), true);
  CHECK(lines_of(out.str()).size() == 2);
  CHECK(out.str().find("::error file=a%0A%3A%3Aerror file=x%3A%3Aowned.py,line=2::cannot read%0A::error::forged\n") !=
        std::string::npos);
  CHECK(out.str().find("::limit \\x1b[2J\\x1b]0;title\\x07 %0D::warning::forged \\u009b31m\n") != std::string::npos);
}

TEST_CASE("markdown (both tools) and the --update-doc messages escape the same way") {
  compose::Report report;
  compose::AuditResult p;
  p.files = {kEvilPath};
  compose::ServiceRow row;
  row.name = "w\neb\x1b[0m";
  row.site = Site{kEvilPath, 2, 3, 2, 3};
  row.findings = {"CL002"};
  p.services.push_back(row);
  p.findings = {finding()};
  p.errors = {error()};
  report.projects.push_back(p);
  std::ostringstream compose_md;
  report::write_compose_markdown(compose_md, report);
  check_clean(compose_md.str(), false);
  CHECK(compose_md.str().find("w\\neb\\x1b[0m") != std::string::npos);

  loops::AuditResult r;
  r.files_scanned = 1;
  loops::AuditSite s;
  s.category = loops::Category::while_loop;
  s.site = Site{kEvilPath, 4, 5, 6, 9};
  s.function = "f\n::error::x";
  s.text = "while \x1b[0m:";
  s.gap = loops::Gap::no_exit;
  s.missing = "nothing\nchanges";
  r.sites.push_back(s);
  r.findings.push_back(Finding{"LA101", Severity::error, s.site, kEvilMessage, "", {}, ""});
  r.errors.push_back(error());
  std::ostringstream loop_md, loop_text;
  report::write_loop_markdown(loop_md, r, {});
  report::write_loop_text(loop_text, r, {});
  check_clean(loop_md.str(), false);
  check_clean(loop_text.str(), false);

  docs::DocOutcome outcome;
  outcome.errors.push_back(error());
  std::ostringstream doc_out, doc_err;
  CHECK(docs::write_doc_outcome(doc_out, doc_err, "loopaudit", kEvilPath, outcome, false) == 2);
  check_clean(doc_err.str(), false);
}
