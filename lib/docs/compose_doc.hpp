// composelint --update-doc: every composelint region of a doc regenerated from its marker
// (compose/doc_scope.hpp): the project loaded and audited, rendered by report/compose_region.hpp,
// compared or written through docs/doc_update.hpp.
#pragma once

#include <map>
#include <string>

#include "compose/audit.hpp"
#include "docs/doc_outcome.hpp"

namespace boundaudit::docs {

struct ComposeDocRequest {
  std::string doc;                                // the markdown file
  compose::Options options;                       // select / ignore; the budget comes from each marker
  compose::MachineProbe machine;                  // for budget="auto" (Docker Desktop settings, cgroup)
  std::map<std::string, std::string> environment; // for interpolation, as on the command line
  bool check = false;
  Severity fail_on = Severity::error;
};

DocOutcome update_compose_doc(const ComposeDocRequest& request);

}  // namespace boundaudit::docs
