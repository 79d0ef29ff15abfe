#include "compose/yaml_comments.hpp"

namespace boundaudit::compose {
namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// True when the value part of a line (comment cut off) ends with a block scalar header: `|`, `>`,
// optionally followed by chomping and indentation indicators (`|-`, `>+2`).
bool ends_with_block_header(std::string_view content) {
  while (!content.empty() && blank(content.back())) content.remove_suffix(1);
  while (!content.empty() && (content.back() == '+' || content.back() == '-' ||
                              (content.back() >= '1' && content.back() <= '9')))
    content.remove_suffix(1);
  if (content.empty() || (content.back() != '|' && content.back() != '>')) return false;
  content.remove_suffix(1);
  while (!content.empty() && blank(content.back())) content.remove_suffix(1);
  // `key: |`, `- |`, `? |`, or the header alone on its line.
  return content.empty() || content.back() == ':' || content.back() == '-' || content.back() == '?';
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> yaml_comments(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  char quote = 0;                    // inside a quoted scalar that continues on the next line
  std::optional<std::size_t> block;  // inside a block scalar whose header line had this indentation
  for (std::size_t pos = 0; pos <= text.size();) {
    auto nl = text.find('\n', pos);
    auto end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    bool all_blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (block && (all_blank || indent_of(line) > *block)) {
      // content of the block scalar
    } else {
      block.reset();
      std::size_t content_end = line.size();
      char prev = ' ';  // the character before i (a line starts after a blank)
      char last = 0;    // the last non-blank character outside quotes, before i
      for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote) {
          if (quote == '"' && c == '\\') ++i;
          else if (quote == '\'' && c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;
          else if (c == quote) quote = 0;
          prev = c;
          continue;
        }
        if (c == '#' && blank(prev)) {
          out.emplace_back(pos + i, line.size() - i);
          content_end = i;
          break;
        }
        // A quote opens a quoted scalar where a scalar starts: at the start of the line's content or
        // after an indicator.
        if ((c == '"' || c == '\'') && (last == 0 || last == ':' || last == '-' || last == '[' || last == '{' ||
                                        last == ',' || last == '?'))
          quote = c;
        if (!blank(c)) last = c;
        prev = c;
      }
      if (!quote && ends_with_block_header(line.substr(0, content_end))) block = indent_of(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

}  // namespace boundaudit::compose
