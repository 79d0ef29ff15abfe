// loopaudit --update-doc: every loopaudit region of a doc regenerated from what its marker says it
// covers (loops/doc_scope.hpp), rendered by report/loop_region.hpp, compared or written through
// docs/doc_update.hpp. Regions with the same paths and excludes share one audit.
#pragma once

#include <string>
#include <vector>

#include "docs/doc_outcome.hpp"
#include "loops/audit.hpp"

namespace boundaudit::docs {

struct LoopDocRequest {
  std::string doc;                          // the markdown file
  std::vector<std::string> paths, exclude;  // from the command line: for bare markers only
  loops::Config config;
  unsigned threads = 0;
  bool partial = true;
  bool check = false;                       // compare only
  Severity fail_on = Severity::error;
};

DocOutcome update_loop_doc(const LoopDocRequest& request);

}  // namespace boundaudit::docs
