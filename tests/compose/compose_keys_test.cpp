// The spec's key table (lib/compose/compose_keys.cpp), the loader's record of unknown keys in every
// file of a project, empty files, and the encodings and line breaks YAML allows.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/audit.hpp"
#include "compose/compose_keys.hpp"
#include "compose/memory_files.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

namespace {

// "path:line key[->suggestion]" per unknown key.
std::vector<std::string> unknown(const Project& p) {
  std::vector<std::string> out;
  for (const auto& k : p.unknown_keys)
    out.push_back(k.site.path + ":" + std::to_string(k.site.line) + " " + (k.service.empty() ? "" : k.service + ".") +
                  k.key + (k.suggestion ? "->" + *k.suggestion : ""));
  return out;
}

std::vector<std::string> codes(const AuditResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code + "@" + std::to_string(f.site.line) + " " + f.message);
  return out;
}

std::string utf16le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) out += std::string{c, '\0'};
  return out;
}
std::string utf16be(const std::string& ascii) {
  std::string out = "\xFE\xFF";
  for (char c : ascii) out += std::string{'\0', c};
  return out;
}
std::string utf32le(const std::string& ascii) {
  std::string out("\xFF\xFE\0\0", 4);
  for (char c : ascii) out += std::string{c, '\0', '\0', '\0'};
  return out;
}
std::string utf32be(const std::string& ascii) {
  std::string out("\0\0\xFE\xFF", 4);
  for (char c : ascii) out += std::string{'\0', '\0', '\0', c};
  return out;
}

const std::string kCompose =
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    mem_limit: 1g  # composelint: ignore[CL002] not reported: 1g is valid\n"
    "    mem_reservation: 2g\n";

}  // namespace

TEST_CASE("the key tables are sorted, hold the spec's keys, and allow x-* at both levels") {
  for (auto scope : {KeyScope::top_level, KeyScope::service}) {
    auto keys = known_keys(scope);
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    CHECK(is_known_key(scope, "x-anything"));
    CHECK_FALSE(is_known_key(scope, "X-upper"));
  }
  for (auto k : {"services", "version", "name", "include", "networks", "volumes", "secrets", "configs"})
    CHECK(is_known_key(KeyScope::top_level, k));
  for (auto k : {"image", "mem_limit", "mem_reservation", "memswap_limit", "deploy", "extends", "profiles",
                 "oom_kill_disable", "scale", "healthcheck"})
    CHECK(is_known_key(KeyScope::service, k));
  CHECK_FALSE(is_known_key(KeyScope::top_level, "servics"));
  CHECK_FALSE(is_known_key(KeyScope::service, "services"));
}

TEST_CASE("closest_key suggests one near key: typos, swaps, case; nothing far or ambiguous") {
  CHECK(closest_key(KeyScope::top_level, "servics") == "services");
  CHECK(closest_key(KeyScope::top_level, "serivces") == "services");  // a swap is one edit
  CHECK(closest_key(KeyScope::top_level, "Services") == "services");
  CHECK(closest_key(KeyScope::top_level, "volume") == "volumes");
  CHECK(closest_key(KeyScope::service, "mem_limt") == "mem_limit");
  CHECK(closest_key(KeyScope::service, "enviroment") == "environment");
  CHECK(closest_key(KeyScope::service, "memory") == std::nullopt);
  CHECK(closest_key(KeyScope::top_level, "frobnicate") == std::nullopt);
  CHECK(closest_key(KeyScope::service, "ipd") == std::nullopt);  // pid and ipc are both 2 away; short keys get 1
}

TEST_CASE("unknown keys are recorded at their line in every file: -f files, include and extends targets") {
  Project p = load({{"compose.yaml",
                     "include:\n"
                     "  - inc.yaml\n"
                     "servics:\n"
                     "  web: {}\n"
                     "services:\n"
                     "  api:\n"
                     "    extends: {file: base.yaml, service: base}\n"
                     "    mem_limt: 1g\n"
                     "x-ok: {anything: 1}\n"},
                    {"override.yaml", "services:\n  api:\n    Image: x\nvolume: {}\n"},
                    {"inc.yaml", "services:\n  db:\n    mem_limit: 1g\nnetwork: {}\n"},
                    {"base.yaml", "services:\n  base:\n    imagee: x\n"}},
                   {"compose.yaml", "override.yaml"});
  CHECK(errors_text(p) == "");
  CHECK(unknown(p) == std::vector<std::string>{"base.yaml:3 base.imagee->image", "compose.yaml:3 servics->services",
                                               "compose.yaml:8 api.mem_limt->mem_limit", "inc.yaml:4 network->networks",
                                               "override.yaml:3 api.Image->image", "override.yaml:4 volume->volumes"});
}

TEST_CASE("CL009 reports each unknown key once, with the suggestion, and a typo no longer passes as clean") {
  Project p = load_one("servics:\n  web:\n    image: x\n");
  auto r = audit(p, {});
  CHECK(codes(r) == std::vector<std::string>{"CL009@1 unknown top-level key 'servics' (did you mean 'services'?)"});
  p = load_one("services:\n  web:\n    mem_limit: 1g\n    frobnicate: 1\n");
  r = audit(p, {});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "CL009");
  CHECK(r.findings[0].message.starts_with("service 'web' has unknown key 'frobnicate' (not a service key"));
  CHECK(r.findings[0].severity == Severity::error);
}

TEST_CASE("keys inside x-* blocks and anchors-only blocks are free; merged keys count in the service") {
  Project p = load_one(
      "x-defaults: &d\n"
      "  whatever: 1\n"
      "  restart: always\n"
      "x-svc: &s\n"
      "  restart: always\n"
      "services:\n"
      "  web:\n"
      "    <<: *s\n"
      "    image: nginx\n"
      "    mem_limit: 1g\n"
      "    x-notes: {free: [form]}\n");
  CHECK(errors_text(p) == "");
  CHECK(unknown(p).empty());
  p = load_one("x-svc: &s\n  restrat: always\nservices:\n  web:\n    <<: *s\n    mem_limit: 1g\n");
  CHECK(unknown(p) == std::vector<std::string>{"compose.yaml:2 web.restrat->restart"});
}

TEST_CASE("an empty or comment-only compose file is an input error, like in compose") {
  for (std::string text : {"", "\n\n", "# only a comment\n# and another\n", "---\n", "--- # c\n...\n"}) {
    CAPTURE(text);
    Project p = load_one(text);
    CHECK(errors_text(p) == "compose.yaml:-: empty compose file (no YAML content, only blank lines or comments)\n");
  }
  Project p = load({{"compose.yaml", "services:\n  web:\n    mem_limit: 1g\n"}, {"empty.yaml", "# nothing\n"}},
                   {"compose.yaml", "empty.yaml"});
  CHECK(errors_text(p) == "empty.yaml:-: empty compose file (no YAML content, only blank lines or comments)\n");
  CHECK(errors_text(load_one("{}\n")) == "");  // an empty mapping is content
}

TEST_CASE("UTF-16 and UTF-32 with a BOM, a UTF-8 BOM, CRLF and lone CR load with the right lines") {
  const std::string lone_cr = [] {
    std::string t = kCompose;
    std::replace(t.begin(), t.end(), '\n', '\r');
    return t;
  }();
  std::string crlf;
  for (char c : kCompose) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& text : {utf16le(kCompose), utf16be(kCompose), utf32le(kCompose), utf32be(kCompose),
                                  "\xEF\xBB\xBF" + kCompose, crlf, lone_cr, utf16le(lone_cr)}) {
    Project p = load_one(text);
    CHECK(errors_text(p) == "");
    REQUIRE(p.services.size() == 1);
    CHECK(show(p.services[0].mem_limit) == "1g@compose.yaml:4");
    CHECK(show(p.services[0].mem_reservation) == "2g@compose.yaml:5");
    auto r = audit(p, {});
    // CL004 (reservation above limit) at line 5; the suppression on line 4 is read, and unused (CL901).
    CHECK(codes(r) == std::vector<std::string>{"CL901@4 unused suppression: no CL002 finding here",
                                               "CL004@5 service 'web' reserves 2 GiB (mem_reservation) but its memory limit is 1 GiB (mem_limit)"});
  }
}

TEST_CASE("a BOM whose encoding the text is not in is an input error, not a crash") {
  Project p = load_one(std::string("\xFF\xFEs\0e\0r\xD8", 9));  // a cut-off UTF-16 unit / unpaired surrogate
  CHECK(errors_text(p) == "compose.yaml:1: starts with a UTF-16LE byte order mark but is not valid UTF-16LE\n");
}
