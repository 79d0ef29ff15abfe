// docsync_fuzz: a markdown document through --update-doc's region rewrite (find_regions and
// splice_regions of core/doc_regions.hpp, the pure functions under the file I/O, with both tools'
// marker attributes) and the diff --check prints (line_diff).
//
// The body is what --update-doc writes: the markdown audit of a Python source, here a fixed one
// with a site of every category, computed once. Each input is spliced with that body and with an
// empty one. A splice must be a fixed point (the same regions are found again, splicing the result
// again changes nothing), which is what lets `--update-doc --check` call a freshly written doc up to
// date.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "compose/doc_scope.hpp"
#include "core/doc_regions.hpp"
#include "loops/audit.hpp"
#include "loops/doc_scope.hpp"
#include "report/loop_markdown.hpp"

namespace {

using namespace boundaudit;

constexpr std::string_view kAuditedSource = R"py(import asyncio
import subprocess
import time


def wait_ready(probe):
    while not probe():
        time.sleep(1)


async def fetch_all(urls, fetch):
    return await asyncio.gather(*[fetch(u) for u in urls])


def build_all(paths):
    for p in paths:
        subprocess.run(["make", "-C", p], check=True)


def serve(handle):
    while True:
        handle()
)py";

const std::string& audit_region() {
  static const std::string region = [] {
    const Source source{"tools/ci/jobs/runner/serve.py", std::string(kAuditedSource)};
    const auto result = loops::audit({&source, 1}, loops::Config{}, 1);
    std::ostringstream out;
    report::write_loop_markdown(out, result, {loops::zero_site_families(result)});
    return out.str();
  }();
  return region;
}

// The self-describing regions of both tools: find them, splice a body into each, and find the same
// regions (same attributes) in the result; splicing again changes nothing.
void check_regions(std::string_view doc, std::string_view tool, std::span<const std::string_view> known,
                   const std::string& body) {
  const auto scan = find_regions("doc.md", doc, tool, known);
  if (!scan.errors.empty()) return;
  const std::vector<std::string> bodies(scan.regions.size(), body);
  const std::string out = splice_regions(doc, scan.regions, bodies);
  const auto again = find_regions("doc.md", out, tool, known);
  if (!again.errors.empty() || again.regions.size() != scan.regions.size())
    fuzz::fail("a spliced doc no longer has the same regions");
  for (std::size_t i = 0; i < again.regions.size(); ++i)
    if (again.regions[i].attributes != scan.regions[i].attributes) fuzz::fail("splicing changed a region's attributes");
  if (splice_regions(out, again.regions, bodies) != out) fuzz::fail("splicing the same regions twice changes the doc");
  (void)line_diff(doc, out);       // what --check prints for a stale doc
  (void)line_diff(out, doc, 3);    // and with a short limit
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  for (const std::string& body : {audit_region(), std::string()}) {
    check_regions(doc, "loopaudit", loops::kRegionAttributes, body);
    check_regions(doc, "composelint", compose::kRegionAttributes, body);
  }
  return 0;
}
