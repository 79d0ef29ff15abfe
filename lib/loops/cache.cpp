#include "loops/cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/descriptor.hpp"
#include "core/version.hpp"
#include "loops/file_record.hpp"

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

// An entry: magic, the key it was stored under, the payload's length and checksum, the payload.
constexpr char kMagic[8] = {'L', 'A', 'C', 'A', 'C', 'H', 'E', '1'};
struct Header {
  char magic[8];
  CacheKey key;
  std::uint64_t length;
  std::uint64_t checksum;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Writes a small file unless it exists (a marker: CACHEDIR.TAG, .gitignore).
bool ensure_file(const fs::path& path, std::string_view text) {
  if (fs::exists(path)) return true;
  Descriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return errno == EEXIST;  // another run made it first
  return write_all(fd.get(), text);
}

std::string hex(std::uint64_t v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

}  // namespace

CacheKey cache_key(RecordKind kind, std::string_view path, std::string_view text, bool partial) {
  XXH3_state_t state;
  XXH3_128bits_reset(&state);
  // Every part is length-prefixed, so no two different inputs run together into the same bytes.
  auto part = [&](std::string_view bytes) {
    std::uint64_t n = bytes.size();
    XXH3_128bits_update(&state, &n, sizeof n);
    XXH3_128bits_update(&state, bytes.data(), bytes.size());
  };
  const char settings[3] = {static_cast<char>(kind), static_cast<char>(partial), static_cast<char>(kRecordFormat)};
  part(version());
  part(std::string_view(settings, sizeof settings));
  part(path);
  part(text);
  auto h = XXH3_128bits_digest(&state);
  return CacheKey{h.high64, h.low64};
}

std::variant<ContentCache, std::string> ContentCache::open(const std::string& dir) {
  std::error_code ec;
  fs::path root = dir;
  fs::create_directories(root, ec);
  if (ec) return "cannot create the cache folder " + dir + ": " + ec.message();
  if (!ensure_file(root / "CACHEDIR.TAG",
                   "Signature: 8a477f597d28d172789f06886806bc55\n"
                   "# This file is a cache directory tag created by loopaudit.\n"
                   "# For information about cache directory tags, see https://bford.info/cachedir/\n") ||
      !ensure_file(root / ".gitignore", "# Created by loopaudit: everything here is a cache.\n*\n"))
    return "cannot write in the cache folder " + dir + ": " + std::strerror(errno);
  fs::path entries = root / std::string(version());
  fs::create_directories(entries, ec);
  if (ec) return "cannot create the cache folder " + entries.string() + ": " + ec.message();
  return ContentCache(dir, entries.string());
}

std::string ContentCache::entry_path(const CacheKey& key) const {
  return entries_ + "/" + hex(key.high >> 56, 2) + "/" + hex(key.high, 14) + hex(key.low, 16);
}

std::optional<std::string> ContentCache::get(const CacheKey& key) const {
  Descriptor fd(::open(entry_path(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) < sizeof(Header))
    return std::nullopt;
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // shorter than it said: being replaced, or damaged
    done += static_cast<std::size_t>(n);
  }
  Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  std::string_view payload(bytes);
  payload.remove_prefix(sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || !(h.key == key) || h.length != payload.size() ||
      h.checksum != XXH3_64bits(payload.data(), payload.size()))
    return std::nullopt;
  bytes.erase(0, sizeof h);
  return bytes;
}

bool ContentCache::put(const CacheKey& key, std::string_view bytes) const {
  const std::string target = entry_path(key);
  const std::string shard = target.substr(0, target.rfind('/'));
  std::string tmp = shard + "/.tmp-XXXXXX";
  int raw = ::mkstemp(tmp.data());
  if (raw < 0 && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(shard, ec);
    tmp = shard + "/.tmp-XXXXXX";
    raw = ::mkstemp(tmp.data());
  }
  if (raw < 0) return false;
  Descriptor fd(raw);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.key = key;
  h.length = bytes.size();
  h.checksum = XXH3_64bits(bytes.data(), bytes.size());
  bool ok = write_all(fd.get(), std::string_view(reinterpret_cast<const char*>(&h), sizeof h)) &&
            write_all(fd.get(), bytes) && ::fchmod(fd.get(), 0644) == 0 && ::close(fd.release()) == 0 &&
            ::rename(tmp.c_str(), target.c_str()) == 0;
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

}  // namespace boundaudit::loops
