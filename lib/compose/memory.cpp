#include "compose/memory.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace boundaudit::compose {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

MemoryValue fail(std::string_view text, std::string_view why) {
  return {std::nullopt, "invalid size '" + std::string(text) + "': " + std::string(why)};
}

std::optional<std::int64_t> multiplier(char unit) {
  switch (std::tolower(static_cast<unsigned char>(unit))) {
    case 'k': return std::int64_t{1} << 10;
    case 'm': return std::int64_t{1} << 20;
    case 'g': return std::int64_t{1} << 30;
    case 't': return std::int64_t{1} << 40;
    case 'p': return std::int64_t{1} << 50;
  }
  return std::nullopt;
}

}  // namespace

MemoryValue parse_memory(std::string_view text) {
  // compose-go tries a plain (signed) integer first.
  {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return {n, ""};
    if (ec == std::errc::result_out_of_range && end == text.data() + text.size())
      return fail(text, "too large");
  }
  if (text.empty()) return fail(text, "empty value");

  // number: digits, optionally '.' and digits.
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == 0) return fail(text, "expected a number followed by an optional unit (b, k, m, g, t, p)");
  if (i < text.size() && text[i] == '.') {
    std::size_t frac = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == frac) return fail(text, "expected digits after '.'");
  }
  std::string_view number = text.substr(0, i);
  if (i < text.size() && text[i] == ' ') ++i;  // one optional space
  std::string_view suffix = text.substr(i);

  double size = 0;
  if (std::from_chars(number.data(), number.data() + number.size(), size).ec != std::errc())
    return fail(text, "bad number");
  if (suffix.size() > 3) return fail(text, "unknown unit '" + std::string(suffix) + "'");
  if (!suffix.empty()) {
    char first = static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0])));
    if (first == 'b') {
      if (suffix.size() > 1) return fail(text, "unknown unit '" + std::string(suffix) + "'");
    } else {
      auto mul = multiplier(first);
      if (!mul) return fail(text, "unknown unit '" + std::string(suffix) + "'");
      std::string rest;
      for (char c : suffix.substr(1)) rest += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!(rest.empty() || rest == "b" || rest == "ib"))
        return fail(text, "unknown unit '" + std::string(suffix) + "'");
      size *= static_cast<double>(*mul);
    }
  }
  if (!(size < 9.2233720368547758e18)) return fail(text, "too large");
  return {static_cast<std::int64_t>(size), ""};
}

std::string format_memory(std::int64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  bool negative = bytes < 0;
  double v = negative ? -static_cast<double>(bytes) : static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1024.0 && unit < 6) {
    v /= 1024.0;
    ++unit;
  }
  char buf[64];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%s%.0f B", negative ? "-" : "", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100.0) / 100.0);
  std::string num = buf;
  while (num.back() == '0') num.pop_back();
  if (num.back() == '.') num.pop_back();
  return (negative ? "-" : "") + num + " " + kUnits[unit];
}

}  // namespace boundaudit::compose
