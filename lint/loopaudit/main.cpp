// loopaudit [options] [PATH...]: inventories every while loop, asyncio fan-out and process spawn in a
// Python tree with what bounds it. This file names loopaudit's own settings and calls the library;
// the shared command line, configuration, output and exit codes are lib/cli's.
#include <iostream>

#include "cli/app.hpp"
#include "cli/outcomes.hpp"
#include "cli/output.hpp"
#include "docs/loop_doc.hpp"
#include "docs/print_outcome.hpp"
#include "loops/audit_tree.hpp"
#include "loops/registry.hpp"

int main(int argc, char** argv) {
  using namespace boundaudit;
  loops::use_fast_parse_allocator();
  std::vector<std::string> exclude;
  unsigned jobs = 0;
  bool full_parse = false, check = false, progress = false, no_cache = false;
  std::string doc, cache_dir;
  cli::Tool tool{"loopaudit", "Inventory every while loop, asyncio fan-out and process spawn in Python code, with "
                 "what bounds it.", loops::rules(), "PATH",
                 "Python files or directories (recursive over *.py; default: .); - reads stdin", "", {}, {}};
  tool.settings = {
      cli::list("exclude", &exclude, "skip paths matching this gitignore-style glob (repeatable)").value("GLOB"),
      cli::count("jobs", &jobs, "threads; 0 = all cores (default)").flag_names("-j,--jobs"),
      cli::flag("full-parse", &full_parse, "parse every file whole instead of only the statements that can hold a "
                                           "site (slower; the result is the same, which the tests check)"),
      cli::flag("no-cache", &no_cache, "neither read nor write the content cache"),
      cli::text("cache-dir", &cache_dir, "where the content cache lives (default: .loopaudit_cache in the folder of "
                                         "the configuration file, else in the current one; or $LOOPAUDIT_CACHE_DIR)")
          .command_line_only().value("DIR"),
      cli::flag("progress", &progress, "show files done / total on stderr while auditing (default: on a terminal, "
                                       "after a second)").command_line_only(),
      cli::text("update-doc", &doc, "regenerate every <!-- loopaudit:begin paths=\"...\" --> region of this markdown "
                                    "file from its marker (instead of printing a report); PATHs serve bare markers "
                                    "only").command_line_only().value("FILE"),
      cli::flag("check", &check, "with --update-doc: change nothing, exit 1 when a region is stale")
          .command_line_only().only_with("update-doc"),
  };
  tool.audit = [&](const cli::Request& r) -> cli::Outcome {
    loops::Config config;
    static_cast<Selection&>(config) = r.selection;
    if (!doc.empty())
      return cli::Outcome::finished(docs::write_doc_outcome(
          std::cout, *r.err, "loopaudit", doc,
          docs::update_loop_doc({doc, r.inputs, exclude, config, jobs, !full_parse, check, r.fail_on}), check));
    std::vector<std::string> paths = r.inputs;
    if (paths.empty() && !r.stdin_source) paths.push_back(".");
    std::vector<Source> given;
    if (r.stdin_source) given.push_back(*r.stdin_source);
    auto cache = no_cache ? std::nullopt : cli::open_loop_cache(*r.err, r, cache_dir);
    if (cache) config.cache = &*cache;
    cli::ProgressLine line(*r.err, "loopaudit", r.err_is_terminal, progress);  // erased before the report
    config.progress = line.callback();
    return cli::loop_outcome(loops::audit_tree(paths, exclude, config, jobs, !full_parse, given));
  };
  return cli::run(std::move(tool), argc, argv);
}
