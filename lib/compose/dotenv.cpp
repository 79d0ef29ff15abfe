#include "compose/dotenv.hpp"

#include <algorithm>

namespace boundaudit::compose {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool is_key_char(char c) {
  return c == '_' || c == '.' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

class DotenvParser {
 public:
  DotenvParser(const Source& source, const VariableLookup& environment, ExpansionBudget* budget)
      : text_(source.text), path_(source.path), environment_(environment), budget_(budget) {}

  Dotenv run() {
    while (skip_to_statement()) {
      if (!statement()) break;
    }
    return std::move(out_);
  }

 private:
  int line_at(std::size_t pos) const {
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<long>(pos), '\n'));
  }

  bool fail(std::size_t pos, std::string message) {
    out_.error = InputError{path_, line_at(pos), std::move(message)};
    return false;
  }

  // Skips blank lines and comment lines; false at the end of the text.
  bool skip_to_statement() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (is_blank(c) || c == '\n') {
        ++pos_;
      } else if (c == '#') {
        skip_line();
      } else {
        return true;
      }
    }
    return false;
  }

  void skip_line() {
    std::size_t eol = text_.find('\n', pos_);
    pos_ = eol == std::string::npos ? text_.size() : eol + 1;
  }

  std::optional<std::string> lookup(const std::string& name) const {
    if (auto v = environment_(name)) return v;
    auto it = out_.values.find(name);
    if (it != out_.values.end()) return it->second;
    return std::nullopt;
  }

  // The expanded value of `key` (defined at `pos`); nullopt, with the error recorded, past the budget.
  std::optional<std::string> expand(const std::string& raw, const std::string& key, std::size_t pos) {
    Interpolated r = interpolate(raw, [this](const std::string& n) { return lookup(n); }, budget_);
    if (r.too_large) {
      fail(pos, key + ": " + r.error);
      return std::nullopt;
    }
    return r.ok() ? r.text : raw;  // like compose, a value it cannot expand is kept as written
  }

  bool statement() {
    std::size_t start = pos_;
    if (text_.compare(pos_, 7, "export ") == 0 || text_.compare(pos_, 7, "export\t") == 0) {
      pos_ += 7;
      while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    }
    std::size_t key_start = pos_;
    while (pos_ < text_.size() && is_key_char(text_[pos_])) ++pos_;
    std::string key = text_.substr(key_start, pos_ - key_start);
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    if (key.empty()) return fail(start, "invalid line in env file: expected KEY=VALUE");
    if (pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '#') {
      if (auto v = environment_(key)) out_.values[key] = *v;  // bare KEY: inherited
      skip_line();
      return true;
    }
    if (text_[pos_] != '=' && text_[pos_] != ':')
      return fail(pos_, "unexpected character '" + std::string(1, text_[pos_]) + "' in variable name " + key);
    ++pos_;
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    std::string value;
    if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
      if (!quoted(key, start, value)) return false;
    } else {
      std::size_t eol = text_.find('\n', pos_);
      if (eol == std::string::npos) eol = text_.size();
      std::string raw = text_.substr(pos_, eol - pos_);
      for (std::size_t i = 0; i < raw.size(); ++i)
        if (raw[i] == '#' && (i == 0 || is_blank(raw[i - 1]))) {
          raw.resize(i);
          break;
        }
      while (!raw.empty() && is_blank(raw.back())) raw.pop_back();
      std::optional<std::string> expanded = expand(raw, key, start);
      if (!expanded) return false;
      value = std::move(*expanded);
      pos_ = eol;
    }
    out_.values[key] = std::move(value);
    return true;
  }

  bool quoted(const std::string& key, std::size_t start, std::string& value) {
    char q = text_[pos_];
    std::size_t open = pos_++;
    std::string raw;
    while (pos_ < text_.size() && text_[pos_] != q) {
      if (q == '"' && text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        char e = text_[pos_ + 1];
        switch (e) {
          case 'n': raw += '\n'; break;
          case 'r': raw += '\r'; break;
          case 't': raw += '\t'; break;
          case '\\': raw += '\\'; break;
          case '"': raw += '"'; break;
          case '$': raw += "$$"; break;  // stays literal through expansion
          default: raw += '\\'; raw += e; break;
        }
        pos_ += 2;
        continue;
      }
      raw += text_[pos_++];
    }
    if (pos_ >= text_.size()) return fail(open, std::string("unterminated quoted value (missing ") + q + ")");
    ++pos_;  // closing quote
    if (q == '"') {
      std::optional<std::string> expanded = expand(raw, key, start);
      if (!expanded) return false;
      value = std::move(*expanded);
    } else {
      value = std::move(raw);
    }
    // Only a comment may follow on the line.
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '#')
      return fail(pos_, "unexpected text after a quoted value");
    skip_line();
    return true;
  }

  const std::string& text_;
  std::string path_;
  const VariableLookup& environment_;
  ExpansionBudget* budget_;
  std::size_t pos_ = 0;
  Dotenv out_;
};

}  // namespace

Dotenv parse_dotenv(const Source& source, const VariableLookup& environment, ExpansionBudget* budget) {
  return DotenvParser(source, environment, budget).run();
}

}  // namespace boundaudit::compose
