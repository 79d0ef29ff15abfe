// FileRecord <-> bytes. One field list per type (fields() below) serves both directions, so the
// writer and the reader cannot drift apart. Numbers are fixed-width in the machine's byte order
// (the cache is local to one machine and one build); strings and lists are length-prefixed.
#include "loops/file_record.hpp"

#include "loops/audit.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace boundaudit::loops {
namespace {

// The last value of each enum the record holds: a decoded byte above it is corrupt.
constexpr int last(Category) { return static_cast<int>(Category::spawn); }
constexpr int last(BoundKind) { return static_cast<int>(BoundKind::declared); }
constexpr int last(Unit) { return static_cast<int>(Unit::attempts); }
constexpr int last(Gap) { return static_cast<int>(Gap::spawn_per_item); }
constexpr int last(Export::Kind) { return static_cast<int>(Export::Kind::other); }
constexpr int last(Ask::Kind) { return static_cast<int>(Ask::Kind::clock_method); }
constexpr int last(Directive::Kind) { return static_cast<int>(Directive::Kind::bound); }
constexpr int last(Severity) { return static_cast<int>(Severity::error); }

// The field lists. S is the type or its const version: the writer reads through it, the reader fills it.
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Site> {
  io(s.path), io(s.line), io(s.column), io(s.end_line), io(s.end_column);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Limit> {
  io(s.value), io(s.unit);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Bound> {
  io(s.kind), io(s.detail), io(s.limit), io(s.evidence_line), io(s.stated);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, AuditSite> {
  io(s.category), io(s.site), io(s.function), io(s.call), io(s.text), io(s.in_loop), io(s.purpose), io(s.per_item);
  io(s.subject), io(s.bound), io(s.gap), io(s.missing), io(s.reported_at_line);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Ask::Param> {
  io(s.name), io(s.position), io(s.varargs), io(s.default_size);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Ask> {
  io(s.kind), io(s.ref), io(s.largest_value), io(s.via_self), io(s.name), io(s.unit), io(s.per), io(s.param);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Draft> {
  io(s.site), io(s.asks), io(s.fallback);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Export> {
  io(s.kind), io(s.size), io(s.largest), io(s.number), io(s.target), io(s.mutated), io(s.class_attr);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, FunctionFacts> {
  io(s.is_async), io(s.limiter), io(s.reads_clock), io(s.callees);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, CallEdge> {
  io(s.callee), io(s.name), io(s.wrapper), io(s.cancels);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, CallShape> {
  io(s.calls), io(s.min_positional), io(s.max_positional), io(s.splat), io(s.positional), io(s.keyword);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, FileSummary> {
  io(s.module), io(s.mutated_imports), io(s.edges);
  // The parts only the index reads, each in a section a reader can skip (IndexParts).
  io.section(&IndexParts::exports, [&] { io(s.exports); });
  io.section(&IndexParts::functions, [&] { io(s.functions); });
  io.section(&IndexParts::accounted, [&] { io(s.accounted); });
  io.section(&IndexParts::calls, [&] { io(s.calls), io(s.declared); });
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, FileFacts> {
  io(s.summary), io(s.drafts);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Directive> {
  io(s.kind), io(s.site), io(s.codes), io(s.reason), io(s.bound_kind), io(s.bound_text), io(s.subject);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Finding> {
  io(s.code), io(s.severity), io(s.site), io(s.message), io(s.subject), io(s.notes), io(s.fix);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, InputError> {
  io(s.path), io(s.line), io(s.message);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, FileRecord> {
  io(s.deferred), io(s.cut), io(s.facts), io(s.directives), io(s.notes), io(s.error);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, CacheKey> {
  io(s.high), io(s.low);
}
template <class IO, class S>
void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, MentionCounts::Count> {
  io(s.name), io(s.n);
}
template <class IO, class S>
void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, MentionCounts::File> {
  io(s.key), io(s.counts);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, MentionCounts> {
  io(s.files);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, DeferredKeys> {
  io(s.keys);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, StampMemo::Entry> {
  io(s.device), io(s.inode), io(s.check), io(s.digest);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, StampMemo> {
  io(s.entries);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, FamilyCount> {
  io(s.family), io(s.sites);
}
template <class IO, class S> void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, AuditResult> {
  io(s.files_scanned), io(s.sites), io(s.findings), io(s.errors), io(s.spawn_families);
}

class Writer {
 public:
  std::string bytes;

  // With a sink, what is written goes to it in pieces of about kPiece bytes, handed on between two
  // items of a list (never inside a section, whose length is written back at its start); finish()
  // hands on the rest.
  Writer() = default;
  explicit Writer(const std::function<void(std::string_view)>& sink) : sink_(&sink) { bytes.reserve(kPiece + 4096); }
  void finish() {
    if (sink_ && !bytes.empty()) (*sink_)(bytes);
    bytes.clear();
  }

  template <class T> void operator()(const T& x) {
    if constexpr (std::is_enum_v<T>) {
      raw(static_cast<std::uint8_t>(x));
    } else if constexpr (std::is_same_v<T, bool>) {
      raw(static_cast<std::uint8_t>(x));
    } else if constexpr (std::is_arithmetic_v<T>) {
      raw(x);
    } else {
      fields(*this, x);
    }
  }
  void operator()(const std::string& s) {
    count(s.size());
    bytes.append(s);
  }
  template <class T> void operator()(const std::optional<T>& x) {
    (*this)(x.has_value());
    if (x) (*this)(*x);
  }
  template <class T> void operator()(const std::vector<T>& xs) { items(xs); }
  void operator()(const SiteList& xs) { items(xs); }
  // A list of n items made one at a time (write_item(k) writes item k with this writer), as a list
  // of them held whole would be written.
  template <class WriteItem> void items(std::size_t n, WriteItem write_item) {
    count(n);
    for (std::size_t k = 0; k < n; ++k) {
      write_item(k);
      if (sink_ && open_sections_ == 0 && bytes.size() >= kPiece) {
        (*sink_)(bytes);
        bytes.clear();
      }
    }
  }
  // What body writes, preceded by its length.
  template <class Body> void section(bool IndexParts::*, Body body) {
    const auto at = bytes.size();
    count(0);
    ++open_sections_;
    body();
    --open_sections_;
    const auto n = static_cast<std::uint32_t>(bytes.size() - at - sizeof(std::uint32_t));
    std::memcpy(bytes.data() + at, &n, sizeof n);
  }
  // In key order, so equal records give equal bytes whatever their maps' insertion history.
  template <class T> void operator()(const std::unordered_map<std::string, T>& xs) {
    count(xs.size());
    std::vector<const typename std::unordered_map<std::string, T>::value_type*> sorted;
    sorted.reserve(xs.size());
    for (const auto& entry : xs) sorted.push_back(&entry);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : sorted) (*this)(entry->first), (*this)(entry->second);
  }

 private:
  // A list: its length, then its items, handed on to the sink between two of them when one is set.
  template <class List> void items(const List& xs) {
    auto at = xs.begin();
    items(xs.size(), [&](std::size_t) { (*this)(*at++); });
  }
  template <class T> void raw(T x) { bytes.append(reinterpret_cast<const char*>(&x), sizeof x); }
  void count(std::size_t n) { raw(static_cast<std::uint32_t>(n)); }

  static constexpr std::size_t kPiece = 64 << 10;
  const std::function<void(std::string_view)>* sink_ = nullptr;
  int open_sections_ = 0;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes, IndexParts parts = {}) : rest_(bytes), parts_(parts) {}
  bool ok() const { return ok_; }
  bool at_end() const { return rest_.empty(); }

  template <class T> void operator()(T& x) {
    if constexpr (std::is_enum_v<T>) {
      auto v = raw<std::uint8_t>();
      if (v > last(T{})) ok_ = false;
      else x = static_cast<T>(v);
    } else if constexpr (std::is_same_v<T, bool>) {
      auto v = raw<std::uint8_t>();
      if (v > 1) ok_ = false;
      x = v == 1;
    } else if constexpr (std::is_arithmetic_v<T>) {
      x = raw<T>();
    } else {
      fields(*this, x);
    }
  }
  void operator()(std::string& s) {
    auto n = count();
    if (!ok_) return;
    s.assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
  }
  template <class T> void operator()(std::optional<T>& x) {
    bool has = false;
    (*this)(has);
    if (has && ok_) (*this)(x.emplace());
  }
  template <class T> void operator()(std::vector<T>& xs) {
    auto n = count();
    xs.clear();
    xs.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) (*this)(xs.emplace_back());
  }
  void operator()(SiteList& xs) {
    auto n = count();
    xs.clear();
    xs.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) {
      AuditSite site;
      (*this)(site);
      if (ok_) xs.push_back(std::move(site));
    }
  }
  // A section is read by body, which must take exactly its length; or skipped when its part is not asked for.
  template <class Body> void section(bool IndexParts::*part, Body body) {
    auto n = count();
    if (!ok_) return;
    if (!(parts_.*part)) {
      rest_.remove_prefix(n);
      return;
    }
    const auto before = rest_.size();
    body();
    if (ok_ && before - rest_.size() != n) ok_ = false;
  }
  template <class T> void operator()(std::unordered_map<std::string, T>& xs) {
    auto n = count();
    xs.clear();
    xs.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) {
      std::string k;
      (*this)(k);
      (*this)(xs[std::move(k)]);
    }
  }

 private:
  template <class T> T raw() {
    T x{};
    if (!ok_ || rest_.size() < sizeof x) {
      ok_ = false;
      return x;
    }
    std::memcpy(&x, rest_.data(), sizeof x);
    rest_.remove_prefix(sizeof x);
    return x;
  }
  // A length: every item takes at least one byte, so a count above the bytes left is corrupt (and
  // never reserves memory it names).
  std::size_t count() {
    auto n = raw<std::uint32_t>();
    if (n > rest_.size()) ok_ = false;
    return ok_ ? n : 0;
  }

  std::string_view rest_;
  IndexParts parts_;
  bool ok_ = true;
};

}  // namespace

std::string encode(const FileRecord& record) {
  Writer w;
  w(record);
  return std::move(w.bytes);
}

namespace {
template <class T> std::optional<T> read_all(std::string_view bytes, IndexParts parts = {}) {
  Reader r(bytes, parts);
  T value;
  r(value);
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<FileRecord> decode(std::string_view bytes, IndexParts parts) { return read_all<FileRecord>(bytes, parts); }

void drop_index_parts(FileSummary* s) {
  // Exchanged for empty ones, so that their memory goes too (`= {}` would clear them and keep their buckets).
  std::exchange(s->exports, {});
  std::exchange(s->functions, {});
  std::exchange(s->accounted, {});
  std::exchange(s->calls, {});
  std::exchange(s->declared, {});
}

std::string encode(const MentionCounts& counts) {
  Writer w;
  w(counts);
  return std::move(w.bytes);
}

void encode_mentions(std::size_t n, const std::function<void(std::size_t, MentionCounts::File*)>& file,
                     const std::function<void(std::string_view)>& sink) {
  Writer w(sink);
  MentionCounts::File f;
  w.items(n, [&](std::size_t k) {
    f.counts.clear();
    file(k, &f);
    w(f);
  });
  w.finish();
}

std::optional<MentionCounts> decode_mentions(std::string_view bytes) { return read_all<MentionCounts>(bytes); }

std::string encode(const DeferredKeys& keys) {
  Writer w;
  w(keys);
  return std::move(w.bytes);
}

void encode(const DeferredKeys& keys, const std::function<void(std::string_view)>& sink) {
  Writer w(sink);
  w(keys);
  w.finish();
}

std::optional<DeferredKeys> decode_deferred(std::string_view bytes) { return read_all<DeferredKeys>(bytes); }

void encode_stamps(std::size_t n, const std::function<const StampMemo::Entry&(std::size_t)>& entry,
                   const std::function<void(std::string_view)>& sink) {
  Writer w(sink);
  w.items(n, [&](std::size_t k) { w(entry(k)); });
  w.finish();
}

std::string encode(const StampMemo& memo) {
  // Every entry encodes to the same size (fixed-width fields only): one entry tells the memo's.
  Writer entry;
  entry(StampMemo::Entry{});
  Writer w;
  w.bytes.reserve(sizeof(std::uint32_t) + memo.entries.size() * entry.bytes.size());
  w(memo);
  return std::move(w.bytes);
}

std::optional<StampMemo> decode_stamps(std::string_view bytes) {
  auto memo = read_all<StampMemo>(bytes);
  // Strictly increasing: no b before or at a where a comes first.
  if (memo && std::adjacent_find(memo->entries.begin(), memo->entries.end(), [](const auto& a, const auto& b) {
                return !a.before(b.device, b.inode);
              }) != memo->entries.end())
    return std::nullopt;
  return memo;
}

std::string encode(const AuditResult& result) {
  std::string bytes;
  encode(result, [&](std::string_view piece) { bytes.append(piece); });
  return bytes;
}

void encode(const AuditResult& result, const std::function<void(std::string_view)>& sink) {
  Writer w(sink);
  w(result);
  w.finish();
}

std::optional<AuditResult> decode_result(std::string_view bytes) { return read_all<AuditResult>(bytes); }

void append_encoded(const AuditSite& site, std::string* out) {
  Writer w;
  w.bytes = std::move(*out);
  w(site);
  *out = std::move(w.bytes);
}

std::optional<AuditSite> decode_site(std::string_view bytes) { return read_all<AuditSite>(bytes); }

bool only_flags(const FileRecord& r) {
  const auto& s = r.facts.summary;
  return !r.error && r.facts.drafts.empty() && r.directives.empty() && r.notes.empty() && s.exports.empty() &&
         s.functions.empty() && s.mutated_imports.empty() && s.edges.empty() && s.accounted.empty() &&
         s.calls.empty() && s.declared.empty();
}

bool nothing_to_keep(const FileRecord& r) { return r.deferred && only_flags(r); }

}  // namespace boundaudit::loops
