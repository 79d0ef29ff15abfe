#include "compose/yaml_syntax.hpp"

#include <cstdio>
#include <memory>
#include <vector>

#include <libfyaml.h>

namespace boundaudit::compose {

namespace {

struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};
using DiagPtr = std::unique_ptr<fy_diag, DiagDeleter>;
using ParserPtr = std::unique_ptr<fy_parser, ParserDeleter>;

// Messages libfyaml writes instead of collecting: errors it raises without a token (for example
// "indentation indicator 0") come as "<  L: C>: reason\n", with L and C 0-based.
void keep_output(fy_diag*, void* user, const char* buf, std::size_t len) {
  static_cast<std::vector<std::string>*>(user)->emplace_back(buf, len);
}

std::optional<YamlSyntaxError> parse_output(const std::string& text) {
  int line = 0, column = 0, used = 0;
  if (std::sscanf(text.c_str(), "< %d : %d >: %n", &line, &column, &used) < 2 || used == 0) return std::nullopt;
  std::string reason = text.substr(static_cast<std::size_t>(used));
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  return YamlSyntaxError{line + 1, column + 1, reason.empty() ? "syntax error" : reason};
}

// A diagnostic object that collects errors (fy_diag_errors_iterate) and hands anything else it would
// print to `output`: nothing reaches stderr.
DiagPtr collecting_diag(std::vector<std::string>& output) {
  fy_diag_cfg cfg;
  fy_diag_cfg_default(&cfg);
  cfg.fp = nullptr;
  cfg.output_fn = keep_output;
  cfg.user = &output;
  cfg.level = FYET_ERROR;
  cfg.colorize = false;
  cfg.show_source = false;
  cfg.show_type = false;
  cfg.show_module = false;
  cfg.show_position = true;
  DiagPtr diag(fy_diag_create(&cfg));
  if (diag) fy_diag_set_collect_errors(diag.get(), true);
  return diag;
}

}  // namespace

std::optional<YamlSyntaxError> check_yaml_syntax(const std::string& text, YamlDialect dialect) {
  std::vector<std::string> output;
  DiagPtr diag = collecting_diag(output);
  if (!diag) return YamlSyntaxError{0, 0, "libfyaml could not create its diagnostics (out of memory)"};
  fy_parse_cfg cfg{};
  cfg.flags = FYPCF_QUIET;
  if (dialect == YamlDialect::compose) cfg.flags = static_cast<fy_parse_cfg_flags>(cfg.flags | FYPCF_SLOPPY_FLOW_INDENTATION);
  cfg.diag = diag.get();
  ParserPtr parser(fy_parser_create(&cfg));
  if (!parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0)
    return YamlSyntaxError{0, 0, "libfyaml could not start parsing (out of memory)"};
  // Events are dropped as they come: the gate keeps no document, so it costs little memory.
  while (fy_event* event = fy_parser_parse(parser.get())) fy_parser_event_free(parser.get(), event);
  if (!fy_parser_get_stream_error(parser.get())) return std::nullopt;

  void* iter = nullptr;
  if (const fy_diag_error* e = fy_diag_errors_iterate(diag.get(), &iter))
    return YamlSyntaxError{e->line > 0 ? e->line : 0, e->column > 0 ? e->column : 0,
                           e->msg ? e->msg : "syntax error"};
  for (const auto& text : output)
    if (auto e = parse_output(text)) return e;
  return YamlSyntaxError{0, 0, "syntax error (libfyaml gave no reason)"};
}

}  // namespace boundaudit::compose
