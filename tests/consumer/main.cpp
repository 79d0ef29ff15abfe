// Uses the installed library: resolves an in-memory compose project through a `<<` merge key, audits
// it, and looks up an embedded rule doc. Exits non-zero, saying why, when a result is not the expected one.
#include <cstdio>
#include <map>
#include <string>

#include "compose/audit.hpp"
#include "compose/model.hpp"
#include "core/rule_docs.hpp"
#include "core/version.hpp"

namespace compose = boundaudit::compose;

int main() {
  const std::map<std::string, std::string> files = {
      {"compose.yaml",
       "x-limits: &limits\n"
       "  mem_limit: 512m\n"
       "services:\n"
       "  web:\n"
       "    image: nginx\n"
       "    <<: *limits\n"
       "  worker:\n"
       "    image: busybox\n"},
  };
  compose::LoadOptions options;
  options.files = {"compose.yaml"};
  options.read = [&files](const std::string& path) {
    boundaudit::ReadResult result;
    if (auto it = files.find(path); it != files.end())
      result.source = boundaudit::Source{path, it->second};
    else
      result.error = boundaudit::InputError{path, std::nullopt, "no such file"};
    return result;
  };

  const compose::Project project = compose::load_project(options);
  int failures = 0;
  auto check = [&failures](bool ok, const char* what) {
    std::printf("%s: %s\n", ok ? "ok" : "FAILED", what);
    if (!ok) ++failures;
  };
  for (const auto& error : project.errors)
    std::printf("input error: %s:%d: %s\n", error.path.c_str(), error.line.value_or(0), error.message.c_str());
  check(project.errors.empty(), "the project loads without input errors");
  check(project.services.size() == 2, "two services");
  if (project.services.size() == 2) {
    const auto& web = project.services[0];  // sorted by name
    check(web.name == "web", "services sorted by name, web first");
    check(web.mem_limit && web.mem_limit->text == "512m", "web's mem_limit comes through the << merge key");
    check(web.mem_limit && web.mem_limit->site.line == 2, "and remembers the line where it was written");
    check(!project.services[1].mem_limit && !project.services[1].deploy_limit, "worker has no limit");
  }
  const compose::AuditResult audit = compose::audit(project, compose::Options{});
  check(audit.findings.size() == 1 && audit.findings[0].code == "CL001" && audit.findings[0].subject == "worker",
        "audit() reports CL001 for worker only");
  check(audit.services.size() == 2 && audit.services[0].limit_bytes == 512LL * 1024 * 1024 &&
            audit.services[0].limit_source == compose::LimitSource::mem_limit,
        "web's effective limit is 512 MiB from mem_limit");
  const auto doc = boundaudit::rule_doc("CL001");
  check(doc && doc->find("What it does") != std::string_view::npos, "rule_doc(\"CL001\") is embedded");
  check(!boundaudit::rule_doc("XX999"), "rule_doc of an unknown code is empty");
  check(boundaudit::version() == EXPECTED_VERSION, "version() is the package's version");
  return failures == 0 ? 0 : 1;
}
