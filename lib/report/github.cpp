// GitHub Actions workflow commands: one ::error/::warning/::notice line per finding or input error.
#include <ostream>

#include <fmt/format.h>

#include "report/report.hpp"

namespace boundaudit::report {

void write_github(std::ostream& out, std::span<const Finding> findings, std::span<const InputError> errors) {
  // Workflow command values escape %, CR and LF; property values also ':' and ','.
  auto data = [](std::string_view s) {
    std::string r;
    for (char c : s) {
      if (c == '%') r += "%25";
      else if (c == '\r') r += "%0D";
      else if (c == '\n') r += "%0A";
      else r += c;
    }
    return r;
  };
  auto prop = [&](std::string_view s) {
    std::string r;
    for (char c : data(s)) {
      if (c == ':') r += "%3A";
      else if (c == ',') r += "%2C";
      else r += c;
    }
    return r;
  };
  for (const auto& e : errors)
    out << "::error file=" << prop(display_name(e.path, LineBreaks::keep)) << (e.line ? fmt::format(",line={}", *e.line) : "")
        << "::" << data(display_text(e.message, InvalidBytes::replace, LineBreaks::keep))
        << '\n';
  for (const auto& f : findings) {
    std::string_view level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
    out << "::" << level << " file=" << prop(display_name(f.site.path, LineBreaks::keep)) << ",line=" << f.site.line
        << ",col=" << f.site.column << ",title=" << prop(f.code) << "::" << data(display_text(f.message, InvalidBytes::replace, LineBreaks::keep)) << '\n';
  }
}

}  // namespace boundaudit::report
