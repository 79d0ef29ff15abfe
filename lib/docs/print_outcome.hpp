// Prints what an --update-doc run returned (docs/doc_outcome.hpp), for both CLIs: the input errors,
// the diff (stdout, under --check) and the status lines and failing findings (stderr).
#pragma once

#include <iosfwd>
#include <string_view>

#include "docs/doc_outcome.hpp"

namespace boundaudit::docs {

// Returns the exit code: 2 errors (doc unchanged) or a failed write, 1 stale (check) or failing
// findings, 0 otherwise.
int write_doc_outcome(std::ostream& out, std::ostream& err, std::string_view tool, const std::string& doc,
                      const DocOutcome& outcome, bool check);

}  // namespace boundaudit::docs
