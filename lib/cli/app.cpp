#include "cli/app.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "core/atomic_write.hpp"
#include "core/baseline.hpp"
#include "core/rule_docs.hpp"
#include "core/version.hpp"
#include "loops/gitignore.hpp"
#include "report/baseline.hpp"

extern char** environ;

namespace boundaudit::cli {
namespace {

constexpr std::string_view kCommonGroup = "Common options (loopaudit and composelint)";
constexpr std::size_t kMaxStdinBytes = 64u << 20;

// The shared flags and keys. Their --help lines are word for word the same in both tools. A new shared
// flag is a field here and one line in shared_settings(); one that post-processes the finding list
// (a baseline) is then applied in post_process().
struct Shared {
  std::vector<std::string> select, extend_select, ignore;
  GlobCodes per_file_ignores;
  std::string fail_on = "note", format = "text", color = "auto", output_file, stdin_filename, explain, config;
  std::string baseline, write_baseline;
  bool exit_zero = false, quiet = false, statistics = false, show_source = false, list_rules = false,
       isolated = false, show_settings = false, version = false;
};

std::vector<Setting> shared_settings(Shared& s, std::span<const RuleInfo> rules) {
  auto known = [rules](const std::string& v) -> std::optional<std::string> {
    if (unknown_selector(std::span<const std::string>(&v, 1), rules))
      return "'" + v + "' matches no rule code (give a code, a prefix of codes, or ALL)";
    return std::nullopt;
  };
  return {
      list("select", &s.select, "report only the rules whose code starts with one of these (comma list; ALL)")
          .comma_separated().checked(known).value("CODES"),
      list("extend-select", &s.extend_select, "add these codes or prefixes to --select (comma list)")
          .comma_separated().checked(known).value("CODES"),
      list("ignore", &s.ignore, "never report these codes or prefixes (comma list; wins over --select)")
          .comma_separated().checked(known).value("CODES"),
      glob_codes("per-file-ignores", &s.per_file_ignores,
                 "never report these codes in files matching the gitignore-style glob (repeatable)")
          .checked(known),
      text("fail-on", &s.fail_on, "lowest severity that makes the exit code 1: error, warning or note (default: "
                                  "note, every finding fails)")
          .one_of({"error", "warning", "note"}).value("LEVEL"),
      flag("exit-zero", &s.exit_zero, "exit 0 even when there are findings (input errors still exit 2)")
          .command_line_only(),
      flag("quiet", &s.quiet, "print the findings and errors only, no summary").flag_names("-q,--quiet")
          .command_line_only(),
      flag("statistics", &s.statistics, "print how many findings each rule has instead of the findings (text)")
          .command_line_only(),
      text("format", &s.format, "output format: text (default), json, sarif, github or markdown")
          .one_of({"text", "json", "sarif", "github", "markdown"}).value("FORMAT"),
      text("output-file", &s.output_file, "write the report to FILE (atomically: never half a file)")
          .flag_names("-o,--output-file").command_line_only().value("FILE"),
      text("baseline", &s.baseline, "report only the findings not in this baseline file (written by "
                                    "--write-baseline); its entries no longer found are listed as fixed")
          .value("FILE"),
      text("write-baseline", &s.write_baseline, "write every finding of this run to FILE as a baseline and exit 0")
          .command_line_only().value("FILE"),
      text("color", &s.color, "auto (default), always or never; NO_COLOR and FORCE_COLOR are honoured")
          .one_of({"auto", "always", "never"}).command_line_only().value("WHEN"),
      flag("show-source", &s.show_source, "print the source line and a caret under each finding (default: on a "
                                          "terminal or with --color always)"),
      text("stdin-filename", &s.stdin_filename, "the name of the source read from stdin (given as -), for messages "
                                                "and configuration matching")
          .command_line_only().value("PATH"),
      text("explain", &s.explain, "print the documentation of a rule (its code or name) and exit")
          .command_line_only().value("CODE"),
      flag("list-rules", &s.list_rules, "list the rules (code, name, severity, summary) and exit").command_line_only(),
      text("config", &s.config, "read settings from this file instead of the pyproject.toml or boundaudit.toml "
                                "found from the current directory up")
          .command_line_only().value("FILE"),
      flag("isolated", &s.isolated, "ignore every configuration file").command_line_only(),
      flag("show-settings", &s.show_settings, "print the effective settings and where each came from, and exit")
          .command_line_only(),
      flag("version", &s.version, "print the version and exit").command_line_only(),
  };
}

// "GLOB:CODES" from the command line.
std::optional<std::pair<std::string, std::vector<std::string>>> glob_entry(const std::string& arg) {
  auto colon = arg.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::vector<std::string> codes;
  std::stringstream list(arg.substr(colon + 1));
  for (std::string code; std::getline(list, code, ',');)
    if (!code.empty()) codes.push_back(code);
  if (codes.empty()) return std::nullopt;
  return std::make_pair(arg.substr(0, colon), std::move(codes));
}

// Shared post-processing of the finding list, after the tool's audit and before any output: every
// step takes the list and returns the list kept. (The baseline comes after it, in run().)
std::vector<Finding> post_process(std::vector<Finding> findings, const Shared& shared) {
  for (const auto& entry : shared.per_file_ignores) {
    const auto& codes = entry.second;
    const auto rules = loops::glob_rules(std::span<const std::string>(&entry.first, 1));
    std::erase_if(findings, [&](const Finding& f) { return matches_any(codes, f.code) && loops::path_matched(rules, f.site.path); });
  }
  return findings;
}

// Input errors as stderr lines: "loopaudit: path:line: message", escaped for a terminal.
void say_errors(std::ostream& err, std::string_view name, std::span<const InputError> errors) {
  for (const auto& e : errors)
    err << name << ": " << display_name(e.path) << (e.line ? ":" + std::to_string(*e.line) : "") << ": "
        << display_text(e.message) << '\n';
}

void list_rules(std::ostream& out, std::span<const RuleInfo> rules) {
  for (const auto& r : rules) out << fmt::format("{}  {:<28} {:<8} {}\n", r.code, r.name, to_string(r.severity), r.summary);
}

struct Parsed {
  std::vector<Setting> settings;  // shared, then the tool's
  std::vector<CLI::Option*> options;
};

std::string footer(const Tool& tool) {
  std::string text =
      "Exit codes: 0 no finding at or above --fail-on; 1 findings at or above --fail-on (every finding by "
      "default); 2 usage, configuration or input error.\nSettings come from the command line, then [tool." +
      std::string(tool.name) + "] in pyproject.toml or [" + std::string(tool.name) +
      "] in boundaudit.toml (the closest one from the current directory up), then the defaults.";
  if (!tool.footer.empty()) text += "\n" + tool.footer;
  return text;
}

}  // namespace

int run(Tool tool, std::span<const std::string> args, const std::map<std::string, std::string>& environment,
        std::istream& in, std::ostream& out, std::ostream& err, bool out_is_terminal, bool err_is_terminal) {
  const std::string name(tool.name);
  auto usage = [&](const std::string& message) {
    err << name << ": " << message << '\n';
    return 2;
  };
  CLI::App app{std::string(tool.description), name};
  app.set_help_flag("-h,--help", "print this help and exit")->group(std::string(kCommonGroup));
  app.footer(footer(tool));
  app.get_formatter()->column_width(34);
  std::vector<std::string> inputs;
  app.add_option(tool.positional, inputs, tool.positional_help);

  Shared shared;
  auto settings = shared_settings(shared, tool.rules);
  const std::size_t shared_count = settings.size();
  for (auto& s : tool.settings) settings.push_back(std::move(s));
  std::vector<std::vector<std::string>> raw_globs(settings.size());
  std::vector<CLI::Option*> options(settings.size(), nullptr);
  for (std::size_t i = 0; i < settings.size(); ++i) {
    auto& s = settings[i];
    if (!s.on_command_line) continue;
    auto names = s.names.empty() ? "--" + s.key : s.names;
    CLI::Option* o = std::visit(
        [&](auto* target) -> CLI::Option* {
          using T = std::remove_pointer_t<decltype(target)>;
          if constexpr (std::is_same_v<T, bool>) return app.add_flag(names, *target, s.help);
          else if constexpr (std::is_same_v<T, GlobCodes>) return app.add_option(names, raw_globs[i], s.help)->allow_extra_args(false);
          else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            auto* opt = app.add_option(names, *target, s.help)->allow_extra_args(false);
            if (s.commas) opt->delimiter(',');
            return opt;
          } else return app.add_option(names, *target, s.help);
        },
        s.target);
    if (!s.value_name.empty()) o->type_name(s.value_name);
    o->group(i < shared_count ? std::string(kCommonGroup) : name + " options");
    options[i] = o;
  }
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (!settings[i].needs.empty())
      for (std::size_t k = 0; k < settings.size(); ++k)
        if (settings[k].key == settings[i].needs && options[i] && options[k]) options[i]->needs(options[k]);

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes the arguments last first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? 0 : 2;
  }
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (options[i] && options[i]->count() > 0) settings[i].origin = "command line";
  for (std::size_t i = 0; i < settings.size(); ++i) {
    auto* const* table = std::get_if<GlobCodes*>(&settings[i].target);
    if (!table || raw_globs[i].empty()) continue;
    for (const auto& arg : raw_globs[i]) {
      auto entry = glob_entry(arg);
      if (!entry) return usage("--" + settings[i].key + ": expected GLOB:CODES, got '" + arg + "'");
      (*table)->push_back(std::move(*entry));
    }
  }

  if (shared.version) {
    out << name << ' ' << boundaudit::version() << '\n';
    return 0;
  }
  if (!shared.explain.empty()) {
    std::string code = shared.explain;
    for (const auto& r : tool.rules)
      if (r.name == code) code = std::string(r.code);
    auto known = std::any_of(tool.rules.begin(), tool.rules.end(), [&](const RuleInfo& r) { return r.code == code; });
    auto doc = known ? rule_doc(code) : std::nullopt;
    if (!doc) return usage("unknown rule code '" + shared.explain + "' (see " + name + " --list-rules)");
    out << *doc;
    return 0;
  }
  if (shared.list_rules) {
    list_rules(out, tool.rules);
    return 0;
  }

  // The configuration file, then the check of every value (the file's were checked as they were read).
  if (shared.isolated && !shared.config.empty()) return usage("--config and --isolated exclude each other");
  std::optional<std::string> config_path;
  if (!shared.config.empty()) config_path = shared.config;
  else if (!shared.isolated) config_path = find_config(tool.name, ".");
  if (config_path) {
    auto read = read_config(tool.name, *config_path);
    if (auto* e = std::get_if<ConfigError>(&read)) return usage(to_string(*e));
    auto given = [&](const Setting& s) { return s.origin == "command line"; };
    if (auto e = apply_config(settings, std::get<ConfigFile>(read), given)) return usage(to_string(*e));
  }
  for (const auto& s : settings)
    if (s.origin == "command line")
      if (auto why = invalid_value(s)) return usage("--" + s.key + ": " + *why);
  if (shared.show_settings) {
    write_settings(out, tool.name, settings, config_path);
    return 0;
  }
  if (shared.statistics && shared.format != "text") return usage("--statistics prints text; it does not go with --format " + shared.format);

  Request request;
  request.environment = environment;
  request.err = &err;
  request.err_is_terminal = err_is_terminal;
  request.config_path = config_path;
  request.fail_on = *parse_severity(shared.fail_on);
  request.selection.select = shared.select;
  if (!shared.select.empty())
    request.selection.select.insert(request.selection.select.end(), shared.extend_select.begin(), shared.extend_select.end());
  request.selection.ignore = shared.ignore;
  bool read_stdin = std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (!shared.stdin_filename.empty() && !read_stdin) {
    if (!inputs.empty()) return usage("--stdin-filename names the source read from stdin: give - as the " + tool.positional);
    read_stdin = true;
  }
  std::erase(inputs, std::string("-"));
  request.inputs = std::move(inputs);
  if (read_stdin) {
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (text.size() > kMaxStdinBytes) return usage("stdin: more than 64 MiB");
    }
    if (in.bad()) return usage("stdin: cannot read");
    request.stdin_source = Source{shared.stdin_filename.empty() ? "-" : shared.stdin_filename, std::move(text)};
  }

  Outcome outcome = tool.audit(request);
  if (outcome.exit) return *outcome.exit;
  auto findings = post_process(std::move(outcome.findings), shared);
  auto& errors = outcome.errors;
  // The baseline's anchors read the lines as the tool read them (decoded), not the raw bytes on disk.
  SourceLine lines = [&](const std::string& path, int line) {
    return outcome.lines ? std::string(outcome.lines(path, line)) : std::string();
  };
  if (!shared.write_baseline.empty()) {
    if (auto e = write_baseline(shared.write_baseline, make_baseline(tool.name, findings, lines))) {
      errors.push_back(*e);
    } else {
      err << name << ": wrote " << findings.size() << " finding(s) to " << display_name(shared.write_baseline) << '\n';
      say_errors(err, name, errors);
      return errors.empty() ? 0 : 2;
    }
  }
  std::string baseline_text;  // the fixed entries, said after the findings
  if (!shared.baseline.empty()) {
    auto read = read_baseline(shared.baseline, tool.name);
    if (auto* e = std::get_if<InputError>(&read)) {
      errors.push_back(*e);
    } else {
      // An entry can be fixed only where this run looked: its rule selected, its file under an input.
      auto scope = [&](const BaselineEntry& entry) {
        if (!selected(request.selection, entry.key.rule)) return false;
        if (request.inputs.empty()) return true;
        return std::any_of(request.inputs.begin(), request.inputs.end(), [&](const std::string& input) {
          auto in = std::filesystem::path(input).lexically_normal().generic_string();
          while (in.size() > 1 && in.back() == '/') in.pop_back();
          return in == "." || entry.key.path == in || entry.key.path.starts_with(in + "/");
        });
      };
      auto applied = apply_baseline(std::get<Baseline>(read), std::move(findings), lines, scope);
      findings = std::move(applied.findings);
      baseline_text = report::baseline_summary_text(tool.name, shared.baseline, applied);
    }
  }

  std::ostringstream buffered;
  std::ostream& report = shared.output_file.empty() ? out : buffered;
  const bool text_to_terminal = shared.format == "text" && shared.output_file.empty();
  if (!text_to_terminal) say_errors(err, name, errors);  // on stderr as well when the report goes elsewhere
  if (shared.format == "text") {
    auto look = decide_presentation(shared.color, shared.show_source, out_is_terminal && shared.output_file.empty(),
                                    environment);
    report::TextOptions text{look.color, look.source_frames, outcome.lines};
    report::write_text(report, shared.statistics ? std::span<const Finding>{} : findings, errors, text);
    if (shared.statistics) write_statistics(report, findings, tool.rules);
    report << baseline_text;
    if (!shared.quiet) {
      if (outcome.text_tail) outcome.text_tail(report, findings);
      report << summary_line(tool.name, outcome.inventory, findings, errors.size()) << '\n';
    }
  } else if (shared.format == "sarif") {
    report::write_sarif(report, {tool.name, boundaudit::version(), tool.rules}, findings, errors);
  } else if (shared.format == "github") {
    report::write_github(report, findings, errors);
  } else if (outcome.write) {
    outcome.write(report, shared.format, findings);
  }
  if (shared.format != "text") err << baseline_text;  // the machine formats stay as they are
  std::string why;
  if (!shared.output_file.empty() && !write_atomically(shared.output_file, buffered.str(), "--output-file", &why))
    return usage(display_text(why));
  report.flush();
  return exit_code(findings, errors.size(), request.fail_on, shared.exit_zero);
}

int run(Tool tool, int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::map<std::string, std::string> environment;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) environment.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return run(std::move(tool), args, environment, std::cin, std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1,
             ::isatty(STDERR_FILENO) == 1);
}

}  // namespace boundaudit::cli
