// loops_fuzz: one Python source through loopaudit's audit (loops::audit, the call the CLI makes with
// the files it read), parsed both ways, and through every output format the tool has.
//
// The input bytes are the file exactly as the CLI reads it from disk: audit() itself decodes a
// PEP 263 coding declaration and reports NUL bytes and undeclared non-UTF-8 as input errors.
// The audit must not depend on how the file is parsed (the default pre-filtered partial parse, or
// --full-parse), so the two results are compared whole (LA001 included: it only reports syntax errors
// in code the audit reads; fuzz/regressions/loops_fuzz/partial_parse_misses_LA001.py was the case).
// The result must also survive the content cache's encoding of a whole run, and the input bytes are
// given to the cache's decoders as an entry's payload (refused or read, never a crash). The block
// scans a large file gets (loops/block_scan.hpp) are checked against the whole-text tests they stand
// for: the same code words from the bytes fed in pieces, and never "nothing to audit" where the
// whole text holds something.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "fuzz_support.hpp"
#include "loops/audit.hpp"
#include "loops/block_scan.hpp"
#include "loops/chunks.hpp"
#include "loops/file_record.hpp"
#include "loops/registry.hpp"
#include "report/loop_json.hpp"
#include "report/loop_json_value.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"
#include "report/report.hpp"

namespace {

using namespace boundaudit;

// Deep enough that the markdown format shortens it (`src/pkg/.../sub/input.py`).
constexpr std::string_view kPath = "src/pkg/deep/sub/input.py";

void render(const Source& source, const loops::AuditResult& result) {
  report::TextOptions text_options;
  text_options.color = true;
  text_options.show_source = true;
  text_options.lines = [&source](const std::string& path, int line) -> std::string_view {
    return path == source.path ? line_of(source.text, line) : std::string_view{};
  };

  std::ostringstream text, json, sarif, github, markdown;
  report::write_loop_text(text, result, text_options);
  report::write_loop_json(json, result, boundaudit::version());
  report::write_sarif(sarif, {"loopaudit", boundaudit::version(), loops::rules()}, result.findings, result.errors);
  report::write_github(github, result.findings, result.errors);
  report::write_loop_markdown(markdown, result, {loops::zero_site_families(result)});

  fuzz::expect_utf8(text.str(), "loopaudit --format text");
  fuzz::expect_json(json.str(), "loopaudit --format json");
  fuzz::expect_json(sarif.str(), "loopaudit --format sarif");
  fuzz::expect_utf8(github.str(), "loopaudit --format github");
  fuzz::expect_utf8(markdown.str(), "loopaudit --format markdown");
}

// The bytes fed in pieces of 1 to 7 bytes (by the input's size), as a large file's blocks are.
template <class Feed> bool feed_in_pieces(std::string_view bytes, Feed feed) {
  const std::size_t piece = 1 + bytes.size() % 7;
  for (std::size_t at = 0; at < bytes.size(); at += piece)
    if (!feed(bytes.substr(at, piece))) return false;
  return true;
}

void check_block_scans(std::string_view bytes) {
  std::vector<std::string> whole, streamed;
  loops::for_each_code_word(bytes, [&](std::string_view w) {
    whole.emplace_back(w);
    return false;
  });
  loops::CodeWordStream stream([&](std::string_view w) {
    streamed.emplace_back(w);
    return false;
  });
  feed_in_pieces(bytes, [&](std::string_view p) { return stream.feed(p); });
  stream.finish();
  if (whole != streamed) fuzz::fail("code words fed in pieces differ from the whole text's");
  loops::NothingToAudit scan;
  const bool clear = feed_in_pieces(bytes, [&](std::string_view p) { return scan.feed(p); }) && scan.finish();
  if (clear && !(is_text_utf8(bytes) && bytes.find("loopaudit:") == std::string_view::npos &&
                 !loops::has_code_trigger(bytes) && !loops::has_wrapper_word(bytes) && !loops::changes_imported(bytes)))
    fuzz::fail("a block scan says nothing to audit where the whole text has something");
}

nlohmann::json compared_part(const loops::AuditResult& result) { return report::loop_audit_json(result, boundaudit::version()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Source source{std::string(kPath), std::string(reinterpret_cast<const char*>(data), size)};
  const loops::Config config;
  const auto partial = loops::audit({&source, 1}, config, 1, /*partial=*/true);
  const auto full = loops::audit({&source, 1}, config, 1, /*partial=*/false);
  render(source, partial);
  // Compared as JSON values: every field of every site, finding and error, without dumping to text
  // (dumping is the formatter's business and is checked in render()).
  const auto partial_json = compared_part(partial);
  const auto full_json = compared_part(full);
  if (partial_json != full_json) {
    constexpr auto replace = nlohmann::json::error_handler_t::replace;
    std::fprintf(stderr, "partial parse:\n%s\n--full-parse:\n%s\n", partial_json.dump(1, ' ', false, replace).c_str(),
                 full_json.dump(1, ' ', false, replace).c_str());
    fuzz::fail("the partial parse and --full-parse give different audits");
  }
  // A run stored whole in the cache reads back as it was.
  const auto stored = loops::decode_result(loops::encode(partial));
  if (!stored || stored->files_scanned != partial.files_scanned || stored->sites != partial.sites ||
      stored->findings != partial.findings || stored->errors != partial.errors ||
      stored->spawn_families != partial.spawn_families)
    fuzz::fail("the audit result does not survive the cache's encode and decode");
  // The same bytes as a cache entry's payload: every decoder refuses or reads them, never crashes;
  // a stamp memo it reads is written back as the same bytes.
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_block_scans(bytes);
  (void)loops::decode(bytes);
  (void)loops::decode_result(bytes);
  (void)loops::decode_mentions(bytes);
  (void)loops::decode_deferred(bytes);
  if (auto memo = loops::decode_stamps(bytes); memo && loops::encode(*memo) != bytes)
    fuzz::fail("a stamp memo read from bytes is not written back as them");
  return 0;
}
