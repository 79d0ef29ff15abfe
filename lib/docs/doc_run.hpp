// The steps both tools' --update-doc runs share, around their own audits: open the doc and find
// what each of its regions covers (open_regions), then write the bodies or stop at the input errors
// (finish_update). loop_doc.cpp and compose_doc.cpp differ only in the scope type and the audit.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/doc_regions.hpp"
#include "docs/doc_outcome.hpp"
#include "loops/doc_sync.hpp"

namespace boundaudit::docs {

template <typename Scope>
struct ScopedDoc {
  loops::OpenDoc doc;              // locked unless --check, until this goes
  std::vector<DocRegion> regions;  // the tool's regions, in document order
  std::vector<Scope> scopes;       // scopes[i] is what regions[i] covers
};

// The doc at path (locked from this read to the rename of the new doc, except for --check, which
// writes nothing), its regions of `tool` and what each covers (scope_of: region -> variant of
// InputError or Scope). Any problem, or no region at all (then `missing` says what to add), is an
// input error in *errors, sorted, and nothing is returned.
template <typename Scope, typename ScopeOf>
std::optional<ScopedDoc<Scope>> open_regions(const std::string& path, bool check, std::string_view tool,
                                             std::span<const std::string_view> known, ScopeOf&& scope_of,
                                             std::string_view missing, std::vector<InputError>* errors) {
  std::string error;
  auto opened = loops::open_doc(path, !check, &error);
  if (!opened) {
    errors->push_back({path, std::nullopt, error});
    return std::nullopt;
  }
  auto scan = find_regions(path, opened->text, tool, known);
  *errors = std::move(scan.errors);
  std::vector<Scope> scopes;
  for (const auto& region : scan.regions) {
    auto scope = scope_of(region);
    if (auto* e = std::get_if<InputError>(&scope)) errors->push_back(*e);
    else scopes.push_back(std::get<Scope>(scope));
  }
  if (scan.regions.empty() && errors->empty()) errors->push_back({path, std::nullopt, std::string(missing)});
  if (!errors->empty()) {
    std::sort(errors->begin(), errors->end());
    return std::nullopt;
  }
  return ScopedDoc<Scope>{std::move(*opened), std::move(scan.regions), std::move(scopes)};
}

// After the audits: out.failing sorted and unique; with input errors (sorted, unique) the doc is
// left alone, else bodies[i] goes into regions[i] (compared only, with check).
void finish_update(DocOutcome& out, const std::string& path, std::string_view text, std::span<const DocRegion> regions,
                   std::span<const std::string> bodies, bool check, std::string_view tool);

}  // namespace boundaudit::docs
