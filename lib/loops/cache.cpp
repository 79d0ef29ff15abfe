#include "loops/cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <utility>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/descriptor.hpp"
#include "core/version.hpp"
#include "loops/file_record.hpp"
#include "loops/spill_file.hpp"

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

// An entry: magic, the key it was stored under, the payload's length and checksum, the payload.
constexpr char kMagic[8] = {'L', 'A', 'C', 'A', 'C', 'H', 'E', '1'};

constexpr std::int64_t kSecondNs = 1'000'000'000;
constexpr std::int64_t kDayNs = 86'400 * kSecondNs;
constexpr std::int64_t kUnusedNs = 30 * kDayNs;  // an entry not written or read for this long is swept

std::int64_t ns_of(const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * kSecondNs + t.tv_nsec; }
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

// The names the cache gives its folders and files (entry_path, put_pieces), which the sweep keeps to.
bool hex_name(std::string_view name, std::size_t digits) {
  return name.size() == digits &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
bool temporary_name(std::string_view name) { return name.size() == 11 && name.starts_with(".tmp-"); }
bool version_name(std::string_view name) {  // 0.1.0, 1.2.0-rc1
  return !name.empty() && name[0] >= '0' && name[0] <= '9' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+';
  });
}

std::string hex(std::uint64_t v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

CacheKey key_of(const XXH128_hash_t& h) { return CacheKey{h.high64, h.low64}; }

}  // namespace

CacheKey content_digest(std::string_view text) { return key_of(XXH3_128bits(text.data(), text.size())); }

struct Digester::State {
  XXH3_state_t xxh;
};

Digester::Digester() : state_(std::make_unique<State>()) { XXH3_128bits_reset(&state_->xxh); }
Digester::~Digester() = default;
void Digester::add(std::string_view piece) { XXH3_128bits_update(&state_->xxh, piece.data(), piece.size()); }
CacheKey Digester::digest() const { return key_of(XXH3_128bits_digest(&state_->xxh)); }

CacheKey cache_key(RecordKind kind, std::string_view path, std::string_view text, bool partial) {
  return cache_key(kind, path, content_digest(text), partial);
}

CacheKey cache_key(RecordKind kind, std::string_view path, const CacheKey& digest, bool partial) {
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
  const std::uint64_t content[2] = {digest.high, digest.low};
  part(std::string_view(reinterpret_cast<const char*>(content), sizeof content));
  return key_of(XXH3_128bits_digest(&state));
}

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                   static_cast<std::uint64_t>(st.st_size), ns_of(st.st_mtim), ns_of(st.st_ctim),
                   static_cast<std::uint32_t>(st.st_mode)};
}

std::int64_t wall_clock_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return ns_of(now);
}

std::uint64_t stamp_check(const FileStamp& stamp) {
  const std::uint64_t fields[4] = {stamp.size, static_cast<std::uint64_t>(stamp.modified_ns),
                                   static_cast<std::uint64_t>(stamp.changed_ns), stamp.mode};
  return XXH3_64bits(fields, sizeof fields);
}

bool settled(const FileStamp& stamp, std::int64_t started_ns) {
  constexpr std::int64_t kSlack = 2 * kSecondNs;
  return stamp.modified_ns < started_ns - kSlack && stamp.changed_ns < started_ns - kSlack;
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
  ContentCache cache(dir, entries.string());
  // The marker's time is set before the sweep, so that runs started meanwhile do not sweep as well.
  const std::string marker = (root / ".swept").string();
  const std::int64_t now = wall_clock_ns();
  struct stat st {};
  if (::stat(marker.c_str(), &st) != 0 || ns_of(st.st_mtim) <= now - kDayNs) {
    Descriptor touched(::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (touched.get() >= 0 && ::futimens(touched.get(), nullptr) == 0) cache.sweep(now);
  }
  return cache;
}

std::size_t ContentCache::sweep(std::int64_t now_ns) const {
  if (scratch_) return 0;
  std::size_t removed = 0;
  std::error_code ec;
  // DIR/<version>/<shard>/<entry>, each named as this file names them: --cache-dir may name a folder
  // that holds other files too, and those are never touched.
  for (fs::directory_iterator version(dir_, ec), end; !ec && version != end; version.increment(ec)) {
    if (!version->is_directory(ec) || version->is_symlink(ec) || !version_name(version->path().filename().string()))
      continue;
    for (fs::directory_iterator shard(version->path(), ec); !ec && shard != end; shard.increment(ec)) {
      if (!shard->is_directory(ec) || shard->is_symlink(ec) || !hex_name(shard->path().filename().string(), 2)) continue;
      bool emptied = true;
      for (fs::directory_iterator entry(shard->path(), ec); !ec && entry != end; entry.increment(ec)) {
        const auto name = entry->path().filename().string();
        struct stat st {};
        const bool old = (hex_name(name, 30) || temporary_name(name)) && ::lstat(entry->path().c_str(), &st) == 0 &&
                         S_ISREG(st.st_mode) && ns_of(st.st_mtim) <= now_ns - kUnusedNs;
        if (old && ::unlink(entry->path().c_str()) == 0) ++removed;
        else emptied = false;
      }
      ec.clear();
      if (emptied) ::rmdir(shard->path().c_str());  // fails, harmlessly, when a run has just written there
    }
    ec.clear();
  }
  return removed;
}

// The scratch file and where each key's bytes are in it. Entries are appended; a key stored again
// points at its new bytes (the old ones stay, unread, until the file goes with the run).
struct ContentCache::Scratch {
  struct Hash {
    std::size_t operator()(const CacheKey& k) const { return static_cast<std::size_t>(k.low ^ (k.high * 0x9e3779b97f4a7c15ULL)); }
  };
  struct Extent {
    std::uint64_t offset = 0, length = 0;
  };
  explicit Scratch(std::shared_ptr<SpillFile> f) : file(std::move(f)) {}
  std::shared_ptr<SpillFile> file;
  std::mutex lock;
  std::unordered_map<CacheKey, Extent, Hash> at;
};

std::optional<ContentCache> ContentCache::scratch() {
  auto file = SpillFile::open();
  if (!file) return std::nullopt;
  return ContentCache(std::make_shared<Scratch>(std::move(file)));
}

std::string ContentCache::entry_path(const CacheKey& key) const {
  return entries_ + "/" + hex(key.high >> 56, 2) + "/" + hex(key.high, 14) + hex(key.low, 16);
}

std::optional<std::string> ContentCache::get(const CacheKey& key) const {
  if (scratch_) {
    Scratch::Extent where;
    {
      std::lock_guard hold(scratch_->lock);
      auto it = scratch_->at.find(key);
      if (it == scratch_->at.end()) return std::nullopt;
      where = it->second;
    }
    std::string bytes(where.length, '\0');
    if (!scratch_->file->read(where.offset, bytes.data(), bytes.size())) return std::nullopt;
    return bytes;
  }
  Descriptor fd(::open(entry_path(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) < sizeof(Header))
    return std::nullopt;
  // In use: a day-old entry's time is brought forward, so that the sweep leaves it (at most once a
  // day per entry, not a write per read).
  if (ns_of(st.st_mtim) <= wall_clock_ns() - kDayNs) ::futimens(fd.get(), nullptr);
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
  if (scratch_) {
    // The key points at the bytes once they are written.
    const auto offset = scratch_->file->append(bytes);
    if (!offset) return false;
    std::lock_guard hold(scratch_->lock);
    scratch_->at[key] = {*offset, bytes.size()};
    return true;
  }
  return put_pieces(key, [&](const Sink& sink) { sink(bytes); });
}

bool ContentCache::put_pieces(const CacheKey& key, const std::function<void(const Sink&)>& produce) const {
  if (scratch_) {
    std::string bytes;
    produce([&](std::string_view piece) { bytes.append(piece); });
    return put(key, bytes);
  }
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
  // The header's place first; its length and checksum are known once every piece is written. The
  // entry has no name until the rename, so no reader sees it half written.
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.key = key;
  bool ok = ::lseek(fd.get(), sizeof h, SEEK_SET) == static_cast<off_t>(sizeof h);
  XXH3_state_t checksum;
  XXH3_64bits_reset(&checksum);
  produce([&](std::string_view piece) {
    if (!ok) return;
    XXH3_64bits_update(&checksum, piece.data(), piece.size());
    h.length += piece.size();
    ok = write_all(fd.get(), piece);
  });
  h.checksum = XXH3_64bits_digest(&checksum);
  ok = ok && ::pwrite(fd.get(), &h, sizeof h, 0) == static_cast<ssize_t>(sizeof h) && ::fchmod(fd.get(), 0644) == 0 &&
       ::close(fd.release()) == 0 && ::rename(tmp.c_str(), target.c_str()) == 0;
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

}  // namespace boundaudit::loops
