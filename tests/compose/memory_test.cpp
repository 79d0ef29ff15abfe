#include <doctest/doctest.h>

#include "compose/memory.hpp"

using namespace boundaudit::compose;

namespace {
std::int64_t bytes(std::string_view text) {
  auto v = parse_memory(text);
  INFO("text: ", std::string(text), " error: ", v.error);
  REQUIRE(v);
  return *v.bytes;
}
bool invalid(std::string_view text) {
  auto v = parse_memory(text);
  return !v && !v.error.empty();
}
constexpr std::int64_t KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024, TiB = GiB * 1024, PiB = TiB * 1024;
}  // namespace

TEST_CASE("plain integers are bytes, negative ones included (compose-go tries ParseInt first)") {
  CHECK(bytes("0") == 0);
  CHECK(bytes("655360") == 655360);
  CHECK(bytes("-1") == -1);
  CHECK(bytes("9223372036854775807") == INT64_MAX);
  CHECK(invalid("9223372036854775808"));
}

TEST_CASE("units are binary and case-insensitive, with optional i and b") {
  CHECK(bytes("512m") == 512 * MiB);
  CHECK(bytes("512M") == 512 * MiB);
  CHECK(bytes("512mb") == 512 * MiB);
  CHECK(bytes("512MiB") == 512 * MiB);
  CHECK(bytes("1k") == KiB);
  CHECK(bytes("2GiB") == 2 * GiB);
  CHECK(bytes("2gib") == 2 * GiB);
  CHECK(bytes("1GB") == GiB);  // "GB" is binary too: RAMInBytes uses the binary map
  CHECK(bytes("3t") == 3 * TiB);
  CHECK(bytes("1p") == PiB);
  CHECK(bytes("100b") == 100);
  CHECK(bytes("100B") == 100);
}

TEST_CASE("decimals are allowed and fractions of a byte truncated") {
  CHECK(bytes("1.5GB") == GiB + GiB / 2);
  CHECK(bytes("1.5g") == GiB + GiB / 2);
  CHECK(bytes("0.5k") == 512);
  CHECK(bytes("1.5") == 1);
  CHECK(bytes("1.0001k") == 1024);
}

TEST_CASE("one optional space between number and unit") {
  CHECK(bytes("1 g") == GiB);
  CHECK(bytes("64 MiB") == 64 * MiB);
  CHECK(bytes("10 b") == 10);
  CHECK(invalid("1  g"));
  CHECK(invalid(" 1g"));
  CHECK(invalid("1g "));
}

TEST_CASE("malformed sizes are errors that name the text") {
  CHECK(invalid(""));
  CHECK(invalid("lots"));
  CHECK(invalid("g"));
  CHECK(invalid("1x"));
  CHECK(invalid("1gg"));
  CHECK(invalid("1ibb"));
  CHECK(invalid("1i"));   // an "i" needs a unit before it
  CHECK(invalid("1bb"));
  CHECK(invalid("1kbi"));
  CHECK(invalid("1.g"));
  CHECK(invalid(".5g"));
  CHECK(invalid("1.2.3g"));
  CHECK(invalid("-1g"));  // only plain integers may be negative
  CHECK(invalid("+1g"));
  CHECK(invalid("1e3"));
  CHECK(invalid("100000000p"));
  auto v = parse_memory("4 gigs");
  CHECK(v.error.find("'4 gigs'") != std::string::npos);
}

TEST_CASE("format_memory prints binary units with at most two decimals") {
  CHECK(format_memory(0) == "0 B");
  CHECK(format_memory(512) == "512 B");
  CHECK(format_memory(KiB) == "1 KiB");
  CHECK(format_memory(512 * MiB) == "512 MiB");
  CHECK(format_memory(GiB + GiB / 2) == "1.5 GiB");
  CHECK(format_memory(8 * GiB) == "8 GiB");
  CHECK(format_memory(GiB + GiB / 3) == "1.33 GiB");
  CHECK(format_memory(3 * TiB) == "3 TiB");
  CHECK(format_memory(-1) == "-1 B");
  CHECK(format_memory(-2 * GiB) == "-2 GiB");
}
