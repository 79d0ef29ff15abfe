#include "compose/interpolate.hpp"

#include <algorithm>

namespace boundaudit::compose {

namespace {

bool is_name_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

class Expander {
 public:
  Expander(const VariableLookup& lookup, Interpolated& out, std::size_t max_value)
      : lookup_(lookup), out_(out), max_value_(max_value) {}

  // Appends the expansion of s to result; false (with out_.error set) on an invalid template.
  bool expand(std::string_view s, std::string& result, int depth = 0) {
    if (depth > 64) return fail("interpolation nested too deeply");
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t dollar = s.find('$', i);
      if (dollar == std::string_view::npos) return append(s.substr(i), "", result);
      if (!append(s.substr(i, dollar - i), "", result)) return false;
      i = dollar;
      if (i + 1 >= s.size()) return invalid(s);
      char next = s[i + 1];
      if (next == '$') {
        if (!append("$", "", result)) return false;
        i += 2;
      } else if (is_name_start(next)) {
        std::size_t end = i + 1;
        while (end < s.size() && is_name_char(s[end])) ++end;
        if (!append_variable(std::string(s.substr(i + 1, end - i - 1)), result)) return false;
        i = end;
      } else if (next == '{') {
        std::size_t close = closing_brace(s, i);
        if (close == std::string_view::npos) return invalid(s);
        if (!braced(s.substr(i + 2, close - i - 2), s, result, depth)) return false;
        i = close + 1;
      } else {
        return invalid(s);
      }
    }
    return true;
  }

 private:
  // Index of the `}` closing the `${` at `start`, counting nested `${`.
  static std::size_t closing_brace(std::string_view s, std::size_t start) {
    int open = 0;
    for (std::size_t j = start; j < s.size(); ++j) {
      if (s[j] == '$' && j + 1 < s.size() && s[j + 1] == '{') {
        ++open;
        ++j;
      } else if (s[j] == '}') {
        if (--open == 0) return j;
      }
    }
    return std::string_view::npos;
  }

  bool braced(std::string_view body, std::string_view whole, std::string& result, int depth) {
    if (body.empty() || !is_name_start(body[0])) return invalid(whole);
    std::size_t n = 1;
    while (n < body.size() && is_name_char(body[n])) ++n;
    std::string name(body.substr(0, n));
    std::string_view rest = body.substr(n);
    if (rest.empty()) return append_variable(name, result);
    bool colon = rest[0] == ':';
    if (colon) rest.remove_prefix(1);
    if (rest.empty()) return invalid(whole);
    char op = rest[0];
    std::string_view arg = rest.substr(1);
    if (op != '-' && op != '?' && op != '+') return invalid(whole);
    std::optional<std::string> value = lookup_(name);
    bool usable = value && (!colon || !value->empty());  // "set" in the sense of this operator
    switch (op) {
      case '-':
        if (usable) return append(*value, name, result);
        return expand(arg, result, depth + 1);
      case '+':
        if (usable) return expand(arg, result, depth + 1);
        return true;
      case '?': {
        if (usable) return append(*value, name, result);
        note_unset(name);
        std::string message;
        if (!expand(arg, message, depth + 1)) return false;
        return fail("required variable " + name + " is missing a value" + (message.empty() ? "" : ": " + message));
      }
    }
    return invalid(whole);
  }

  bool append_variable(const std::string& name, std::string& result) {
    if (std::optional<std::string> value = lookup_(name)) return append(*value, name, result);
    note_unset(name);
    return true;
  }

  // Appends within the per-value cap; `name` is the variable whose value this is ("" for literal text).
  bool append(std::string_view piece, const std::string& name, std::string& result) {
    if (piece.size() > max_value_ - std::min(result.size(), max_value_)) {
      out_.too_large = true;
      return fail("the value grows past " + std::to_string(max_value_) + " bytes, the limit for one value" +
                  (name.empty() ? std::string() : ", at ${" + name + "}"));
    }
    result.append(piece);
    return true;
  }

  void note_unset(const std::string& name) {
    if (std::find(out_.unset_variables.begin(), out_.unset_variables.end(), name) == out_.unset_variables.end())
      out_.unset_variables.push_back(name);
  }

  bool invalid(std::string_view whole) {
    return fail("invalid interpolation format in \"" + std::string(whole) +
                "\" (write $$ for a literal $)");
  }
  bool fail(std::string message) {
    if (out_.error.empty()) out_.error = std::move(message);
    return false;
  }

  const VariableLookup& lookup_;
  Interpolated& out_;
  std::size_t max_value_;
};

}  // namespace

Interpolated interpolate(std::string_view text, const VariableLookup& lookup, ExpansionBudget* budget) {
  Interpolated out;
  if (!needs_interpolation(text)) {
    out.text = std::string(text);
    return out;
  }
  ExpansionBudget local;
  ExpansionBudget& b = budget ? *budget : local;
  Expander expander(lookup, out, b.max_value);
  std::string result;
  if (!expander.expand(text, result)) return out;
  if (result.size() > b.max_total - std::min(b.used, b.max_total)) {
    out.too_large = true;
    out.error = "expanded values exceed " + std::to_string(b.max_total) + " bytes in total (the limit for a project)";
    return out;
  }
  b.used += result.size();
  out.text = std::move(result);
  return out;
}

}  // namespace boundaudit::compose
